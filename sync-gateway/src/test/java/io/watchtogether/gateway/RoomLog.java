package io.watchtogether.gateway;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A room's log written by hand, with the state after each event, for seeding Redis and Kafka in tests. */
public final class RoomLog {

    public record Step(EventEnvelope event, RoomState after) {
    }

    private final List<Step> history = new ArrayList<>();
    private RoomState state;

    private RoomLog(String roomId) {
        this.state = RoomState.initial(roomId);
    }

    /** A room created by {@code adminId}, who has joined it. */
    public static RoomLog created(String roomId, String adminId) {
        RoomLog log = new RoomLog(roomId);
        long now = System.currentTimeMillis();
        log.append(new RoomEvent.RoomCreated("Movie night", adminId, false, 10, now,
                PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, now)));
        log.join(adminId);
        return log;
    }

    public EventEnvelope join(String userId) {
        Participant joining = new Participant(userId, userId + "-name", System.currentTimeMillis());
        return append(new RoomEvent.ParticipantJoined(userId, joining.username(), joining.joinedAt(),
                state.participantsWith(joining)));
    }

    public EventEnvelope kick(String userId) {
        return append(new RoomEvent.ParticipantKicked(userId, state.adminId(), state.participantsWithout(userId)));
    }

    public EventEnvelope play(String userId) {
        return append(new RoomEvent.PlaybackStarted(userId, state.playback().playingAt(System.currentTimeMillis())));
    }

    public EventEnvelope seek(String userId, double position) {
        return append(new RoomEvent.PlaybackSeeked(userId,
                state.playback().seekedTo(position, System.currentTimeMillis())));
    }

    public RoomState state() {
        return state;
    }

    public String roomId() {
        return state.roomId();
    }

    public List<Step> history() {
        return List.copyOf(history);
    }

    private EventEnvelope append(RoomEvent event) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), state.roomId(), state.version() + 1,
                System.currentTimeMillis(), null, "sync-gateway-test", event);
        state = state.evolve(envelope);
        history.add(new Step(envelope, state));
        return envelope;
    }
}
