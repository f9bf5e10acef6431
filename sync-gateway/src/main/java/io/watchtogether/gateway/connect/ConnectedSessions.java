package io.watchtogether.gateway.connect;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who each open STOMP session belongs to. Outbound frames carry only a session id; this answers whose it
 * is without a lookup through Spring's user registry.
 */
@Component
public class ConnectedSessions {

    private final Map<String, ConnectedUser> users = new ConcurrentHashMap<>();

    void connected(String sessionId, ConnectedUser user) {
        users.put(sessionId, user);
    }

    public Optional<ConnectedUser> user(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(users.get(sessionId));
    }

    public boolean isOpen(String sessionId) {
        return users.containsKey(sessionId);
    }

    public int count() {
        return users.size();
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        users.remove(event.getSessionId());
    }
}
