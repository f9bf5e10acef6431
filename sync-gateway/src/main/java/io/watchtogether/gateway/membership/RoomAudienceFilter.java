package io.watchtogether.gateway.membership;

import io.watchtogether.gateway.connect.ConnectedSessions;
import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Delivers a room broadcast only to sessions whose user is in its audience: the participants at that event,
 * plus the user a {@code user_left}/{@code user_kicked} is about. A kicked or departed user's subscription
 * stays registered in the broker but receives nothing more (should they join again, it works again).
 *
 * <p>The audience is fixed when the fan-out publishes the event, not looked up here, because with ordered
 * publishing this runs when the session's previous frame is done, by when later events may have changed the
 * membership.
 */
@Component
public class RoomAudienceFilter implements ChannelInterceptor {

    private final ConnectedSessions sessions;

    public RoomAudienceFilter(ConnectedSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        Object audience = message.getHeaders().get(ClientMessageSender.AUDIENCE_HEADER);
        if (!(audience instanceof Collection<?> users)) {
            return message;
        }
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        boolean member = sessions.user(sessionId).map(ConnectedUser::userId).filter(users::contains).isPresent();
        return member ? message : null;
    }
}
