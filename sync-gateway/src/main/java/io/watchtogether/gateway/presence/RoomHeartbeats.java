package io.watchtogether.gateway.presence;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each session last sent a heartbeat for each room it is in. The raw material for presence: a later
 * step turns silence into a {@code LeaveRoom("heartbeat_timeout")} command, so the log records it.
 */
@Component
public class RoomHeartbeats {

    /** The user is kept so that whoever acts on silence knows who to remove. */
    public record LastSeen(String userId, long at) {
    }

    private record Key(String sessionId, String roomId) {
    }

    private final Map<Key, LastSeen> lastSeen = new ConcurrentHashMap<>();

    public void beat(String sessionId, String roomId, String userId, long now) {
        lastSeen.put(new Key(sessionId, roomId), new LastSeen(userId, now));
    }

    public Optional<LastSeen> lastSeen(String sessionId, String roomId) {
        return Optional.ofNullable(lastSeen.get(new Key(sessionId, roomId)));
    }

    /** The latest heartbeat of a user in a room over all their sessions on this instance. */
    public Optional<Long> lastSeenOf(String userId, String roomId) {
        return lastSeen.entrySet().stream()
                .filter(entry -> entry.getKey().roomId().equals(roomId) && entry.getValue().userId().equals(userId))
                .map(entry -> entry.getValue().at())
                .max(Long::compare);
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        lastSeen.keySet().removeIf(key -> key.sessionId().equals(event.getSessionId()));
    }
}
