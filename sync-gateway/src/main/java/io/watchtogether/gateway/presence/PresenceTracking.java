package io.watchtogether.gateway.presence;

import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.rooms.RoomIds;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link RoomPresence} from the inbound frames: a SUBSCRIBE to {@code /topic/rooms.{roomId}} or a SEND
 * to {@code /app/rooms.{roomId}.join} keeps the user in the room through this session, a SEND to
 * {@code .leave} ends that. Heartbeats come through {@link HeartbeatController}, which reads their body.
 *
 * <p>It acts in {@code postSend}, which runs only when every interceptor let the frame through, so a
 * SUBSCRIBE the destination guard refused (or holds while it waits for the membership) counts only once it
 * is allowed, whatever the order of the interceptors.
 */
@Component
class PresenceTracking implements ChannelInterceptor {

    private static final String ROOM_COMMAND_PREFIX = "/app/rooms.";
    private static final String JOIN = ".join";
    private static final String LEAVE = ".leave";

    private final RoomPresence presence;

    PresenceTracking(RoomPresence presence) {
        this.presence = presence;
    }

    @Override
    public void postSend(Message<?> message, MessageChannel channel, boolean sent) {
        MessageHeaders headers = message.getHeaders();
        String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
        String destination = SimpMessageHeaderAccessor.getDestination(headers);
        if (!sent || sessionId == null || destination == null
                || !(SimpMessageHeaderAccessor.getUser(headers) instanceof ConnectedUser user)) {
            return;
        }
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
        if (type == SimpMessageType.SUBSCRIBE && destination.startsWith(ClientMessageSender.ROOM_TOPIC_PREFIX)) {
            String roomId = destination.substring(ClientMessageSender.ROOM_TOPIC_PREFIX.length());
            if (RoomIds.isValid(roomId)) {
                presence.hold(sessionId, user, roomId);
            }
        } else if (type == SimpMessageType.MESSAGE && destination.startsWith(ROOM_COMMAND_PREFIX)) {
            String command = destination.substring(ROOM_COMMAND_PREFIX.length());
            if (command.endsWith(JOIN) && RoomIds.isValid(roomOf(command, JOIN))) {
                presence.hold(sessionId, user, roomOf(command, JOIN));
            } else if (command.endsWith(LEAVE) && RoomIds.isValid(roomOf(command, LEAVE))) {
                presence.release(sessionId, roomOf(command, LEAVE));
            }
        }
    }

    private static String roomOf(String command, String suffix) {
        return command.substring(0, command.length() - suffix.length());
    }
}
