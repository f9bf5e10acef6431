package io.watchtogether.projector.rebuild;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Valid random room logs, built by folding each event as it is made so versions and participants agree. */
final class RandomRooms {

    private final Random random;

    RandomRooms(long seed) {
        this.random = new Random(seed);
    }

    /** A room's log: created, a few joins, playback changes, leaves; sometimes everyone leaves and it closes. */
    List<EventEnvelope> room(String roomId, int length) {
        Log log = new Log(roomId);
        long time = System.currentTimeMillis();
        PlaybackState paused = PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, time);
        log.add(new RoomEvent.RoomCreated("Room " + roomId, "u0", false, 10, time, paused));
        log.add(new RoomEvent.ParticipantJoined("u0", "user0", time, List.of(new Participant("u0", "user0", time))));
        int nextUser = 1;
        while (log.events.size() < length) {
            log.add(next(log.state, nextUser));
            if (log.events.get(log.events.size() - 1).event() instanceof RoomEvent.ParticipantJoined) {
                nextUser++;
            }
        }
        if (random.nextInt(4) == 0) {
            close(log);
        }
        return log.events;
    }

    /** More events for a room that is still open, continuing its log. */
    List<EventEnvelope> more(List<EventEnvelope> sofar, int count) {
        Log log = new Log(sofar);
        for (int i = 0; i < count && !log.state.closed(); i++) {
            log.add(next(log.state, 100 + log.events.size()));
        }
        return log.events.subList(sofar.size(), log.events.size());
    }

    private RoomEvent next(RoomState state, int nextUser) {
        long time = System.currentTimeMillis();
        PlaybackState playback = state.playback();
        return switch (random.nextInt(5)) {
            case 0 -> {
                Participant joining = new Participant("u" + nextUser, "user" + nextUser, time);
                yield new RoomEvent.ParticipantJoined(joining.userId(), joining.username(), time,
                        state.participantsWith(joining));
            }
            case 1 -> playback.isPlaying()
                    ? new RoomEvent.PlaybackPaused(state.adminId(), playback.pausedAt(time))
                    : new RoomEvent.PlaybackStarted(state.adminId(), playback.playingAt(time));
            case 2 -> new RoomEvent.PlaybackSeeked(state.adminId(), playback.seekedTo(random.nextInt(5000), time));
            case 3 -> new RoomEvent.PlaybackRateChanged(state.adminId(),
                    playback.withRate(0.5 + random.nextInt(4) * 0.5, time));
            default -> {
                Participant last = state.participants().get(state.participants().size() - 1);
                yield state.participants().size() > 1 && !last.userId().equals(state.adminId())
                        ? new RoomEvent.ParticipantLeft(last.userId(), "left", state.participantsWithout(last.userId()))
                        : new RoomEvent.PlaybackSeeked(state.adminId(), playback.seekedTo(1, time));
            }
        };
    }

    private static void close(Log log) {
        for (Participant participant : List.copyOf(log.state.participants())) {
            log.add(new RoomEvent.ParticipantLeft(participant.userId(), "left",
                    log.state.participantsWithout(participant.userId())));
        }
        log.add(new RoomEvent.RoomClosed("empty"));
    }

    private static final class Log {
        private final String roomId;
        private final List<EventEnvelope> events;
        private RoomState state;

        Log(String roomId) {
            this.roomId = roomId;
            this.events = new ArrayList<>();
            this.state = RoomState.initial(roomId);
        }

        Log(List<EventEnvelope> sofar) {
            this.roomId = sofar.get(0).roomId();
            this.events = new ArrayList<>(sofar);
            this.state = RoomState.fold(roomId, sofar);
        }

        void add(RoomEvent event) {
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), roomId, state.version() + 1,
                    System.currentTimeMillis(), "c-" + UUID.randomUUID(), "rebuild-test", event);
            state = state.evolve(envelope);
            events.add(envelope);
        }
    }
}
