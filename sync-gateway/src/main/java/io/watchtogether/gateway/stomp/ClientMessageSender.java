package io.watchtogether.gateway.stomp;

import io.watchtogether.events.RoomJson;
import io.watchtogether.events.client.ClientMessages;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

import java.util.Map;
import java.util.Set;

/**
 * Sends the client contract's JSON messages. Bodies are serialized here with the shared {@link RoomJson}
 * mapper and sent as {@code application/json} bytes, bypassing Spring's message converters, so every STOMP
 * client receives plain JSON text whatever converters are configured.
 */
@Component
public class ClientMessageSender {

    /** What clients subscribe to for a room's broadcasts: this prefix and the room id. */
    public static final String ROOM_TOPIC_PREFIX = "/topic/rooms.";
    /** What clients subscribe to for their direct replies. */
    public static final String USER_QUEUE = "/user/queue/rooms";
    /**
     * Header of a room message naming the users who may receive it (a {@code Set<String>}); set by the
     * fan-out, read by the outbound filter, never sent to clients (it is not a STOMP native header).
     */
    public static final String AUDIENCE_HEADER = "watchTogetherAudience";

    private static final String QUEUE = "/queue/rooms";

    private final SimpMessagingTemplate template;

    /** Lazy: the template is built by the broker configuration, which needs this sender's users first. */
    public ClientMessageSender(@Lazy SimpMessagingTemplate template) {
        this.template = template;
    }

    /** Broadcasts to a room's subscribers; {@code audience} null lets every subscriber have it. */
    public void toRoom(String roomId, Map<String, Object> body, Set<String> audience) {
        SimpMessageHeaderAccessor headers = jsonHeaders();
        if (audience != null) {
            headers.setHeader(AUDIENCE_HEADER, audience);
        }
        template.send(ROOM_TOPIC_PREFIX + roomId, message(body, headers));
    }

    /**
     * Replies to one session's {@code /user/queue/rooms}: addressing the user destination by session id
     * reaches exactly that session (not the user's other tabs), as {@code @SendToUser(broadcast = false)} does.
     */
    public void toSession(String sessionId, Map<String, Object> body) {
        SimpMessageHeaderAccessor headers = jsonHeaders();
        headers.setSessionId(sessionId);
        template.send("/user/" + sessionId + QUEUE, message(body, headers));
    }

    /** An {@code error} reply to one session. */
    public void error(String sessionId, String roomId, ClientError error, String detail, String command) {
        toSession(sessionId, ClientMessages.error(roomId, error.status(), error.name(), detail, command,
                System.currentTimeMillis()));
    }

    /** An {@code error} reply with a status and code of the room processor's choosing. */
    public void error(String sessionId, String roomId, int status, String code, String detail, String command) {
        toSession(sessionId, ClientMessages.error(roomId, status, code, detail, command, System.currentTimeMillis()));
    }

    private static SimpMessageHeaderAccessor jsonHeaders() {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        return headers;
    }

    private static Message<byte[]> message(Map<String, Object> body, SimpMessageHeaderAccessor headers) {
        return MessageBuilder.createMessage(RoomJson.write(body), headers.getMessageHeaders());
    }
}
