package io.watchtogether.gateway.replay;

import io.watchtogether.events.RoomJson;
import io.watchtogether.events.client.ClientMessages;
import io.watchtogether.gateway.stomp.ClientError;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

import java.util.Map;

/**
 * A session's {@code /user/queue/replay}: where its replays, and what went wrong with them, arrive. Bodies are
 * JSON bytes written with the shared mapper, as on {@code /user/queue/rooms}.
 */
@Component
public class ReplayQueue {

    /** What a client subscribes to for its replays. */
    public static final String USER_DESTINATION = "/user/queue/replay";

    static final String REQUEST = "replay";
    private static final String QUEUE = "/queue/replay";

    private final SimpMessagingTemplate template;

    /** Lazy, as for {@code ClientMessageSender}: the template is built by the broker configuration. */
    ReplayQueue(@Lazy SimpMessagingTemplate template) {
        this.template = template;
    }

    /** Addressed by session id: only the session that asked gets the replay, not the user's other tabs. */
    void send(String sessionId, Map<String, Object> body) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setSessionId(sessionId);
        headers.setLeaveMutable(true);
        template.send("/user/" + sessionId + QUEUE, MessageBuilder.createMessage(RoomJson.write(body),
                headers.getMessageHeaders()));
    }

    void error(String sessionId, String roomId, ClientError error, String detail) {
        send(sessionId, ClientMessages.error(roomId, error.status(), error.name(), detail, REQUEST,
                System.currentTimeMillis()));
    }
}
