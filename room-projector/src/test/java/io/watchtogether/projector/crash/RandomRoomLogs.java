package io.watchtogether.projector.crash;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomEvent.AdminTransferred;
import io.watchtogether.events.RoomEvent.EpisodeChanged;
import io.watchtogether.events.RoomEvent.MediaChanged;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.ParticipantKicked;
import io.watchtogether.events.RoomEvent.ParticipantLeft;
import io.watchtogether.events.RoomEvent.PlaybackPaused;
import io.watchtogether.events.RoomEvent.PlaybackPositionCorrected;
import io.watchtogether.events.RoomEvent.PlaybackRateChanged;
import io.watchtogether.events.RoomEvent.PlaybackSeeked;
import io.watchtogether.events.RoomEvent.PlaybackStarted;
import io.watchtogether.events.RoomEvent.ProviderChanged;
import io.watchtogether.events.RoomEvent.RoomClosed;
import io.watchtogether.events.RoomEvent.RoomCreated;
import io.watchtogether.events.RoomState;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random but valid room logs, as the room processor would write them: versions 1, 2, 3, ... and every event
 * consistent with the state folded so far (participants after a join, playback after a seek, ...).
 */
final class RandomRoomLogs {

    private static final String[] PROVIDERS = {"vidnest", "vidsrc", "embed"};
    private static final double[] RATES = {0.25, 0.5, 1.0, 1.25, 1.5, 2.0, 4.0};

    private RandomRoomLogs() {
    }

    /**
     * A room's log of {@code length} events (at least 2) whose times run forward from {@code startTime}; when
     * {@code closes}, the last event closes the room.
     */
    static List<EventEnvelope> of(String roomId, int length, boolean closes, long startTime, Random random) {
        Builder log = new Builder(roomId, startTime, random);
        boolean tv = random.nextBoolean();
        PlaybackState start = PlaybackState.start(tv ? "1399" : "666243", tv ? PlaybackState.TV : PlaybackState.MOVIE,
                PROVIDERS[random.nextInt(PROVIDERS.length)], tv ? 1 : null, tv ? 1 : null, startTime);
        log.append(new RoomCreated("Room " + roomId, "u0", random.nextBoolean(), 10, startTime, start));
        log.append(log.joined(0));
        while (log.size() < length - (closes ? 1 : 0)) {
            log.append(log.randomNext());
        }
        if (closes) {
            log.append(new RoomClosed("inactive"));
        }
        return log.events;
    }

    private static final class Builder {
        private final String roomId;
        private final Random random;
        private final List<EventEnvelope> events = new ArrayList<>();
        private RoomState state;
        private long time;
        private int nextUser = 1;

        Builder(String roomId, long startTime, Random random) {
            this.roomId = roomId;
            this.random = random;
            this.state = RoomState.initial(roomId);
            this.time = startTime;
        }

        int size() {
            return events.size();
        }

        void append(RoomEvent event) {
            long version = state.version() + 1;
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), roomId, version, time,
                    "crash-test-" + roomId + "-" + version, "projector-crash-test", event);
            state = state.evolve(envelope);
            events.add(envelope);
            time += 1 + random.nextInt(2_000);
        }

        ParticipantJoined joined(int user) {
            Participant joining = new Participant("u" + user, "user" + user, time);
            return new ParticipantJoined(joining.userId(), joining.username(), time, state.participantsWith(joining));
        }

        RoomEvent randomNext() {
            PlaybackState playback = state.playback();
            List<Participant> present = state.participants();
            String admin = state.adminId();
            String someone = present.get(random.nextInt(present.size())).userId();
            String other = present.stream().map(Participant::userId).filter(id -> !id.equals(admin))
                    .skip(present.size() > 1 ? random.nextInt(present.size() - 1) : 0).findFirst().orElse(null);
            switch (random.nextInt(12)) {
                case 0, 1 -> {
                    if (present.size() < state.maxParticipants()) {
                        return joined(nextUser++);
                    }
                }
                case 2 -> {
                    if (other != null) {
                        return new ParticipantLeft(other, random.nextBoolean() ? "left" : "disconnected",
                                state.participantsWithout(other));
                    }
                }
                case 3 -> {
                    if (other != null) {
                        return new ParticipantKicked(other, admin, state.participantsWithout(other));
                    }
                }
                case 4 -> {
                    if (other != null) {
                        return new AdminTransferred(other, admin, "transferred", present);
                    }
                }
                case 5 -> {
                    // Play or pause, below: also what a choice that does not fit the room becomes.
                }
                case 6 -> {
                    return new PlaybackSeeked(someone, playback.seekedTo(random.nextInt(7_200) + random.nextDouble(), time));
                }
                case 7 -> {
                    return new PlaybackRateChanged(someone, playback.withRate(RATES[random.nextInt(RATES.length)], time));
                }
                case 8 -> {
                    double expected = playback.positionAt(time);
                    return new PlaybackPositionCorrected(admin, expected,
                            playback.seekedTo(expected + 1.5 + random.nextDouble(), time));
                }
                case 9 -> {
                    if (PlaybackState.TV.equals(playback.mediaType())) {
                        return new EpisodeChanged(admin, playback.withEpisode(1 + random.nextInt(5), 1 + random.nextInt(12), time));
                    }
                }
                case 10 -> {
                    return new ProviderChanged(admin, playback.withProvider(PROVIDERS[random.nextInt(PROVIDERS.length)], time));
                }
                default -> {
                    return new MediaChanged(admin, playback.withMedia(Integer.toString(100 + random.nextInt(900_000)),
                            playback.mediaType(), playback.season(), playback.episode(), time));
                }
            }
            return playback.isPlaying()
                    ? new PlaybackPaused(someone, playback.pausedAt(time))
                    : new PlaybackStarted(someone, playback.playingAt(time));
        }
    }
}
