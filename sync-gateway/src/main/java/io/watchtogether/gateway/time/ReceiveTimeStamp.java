package io.watchtogether.gateway.time;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Stamps every inbound frame with the server time it arrived. Interceptors run on the WebSocket thread that
 * decoded the frame, before the hand-off to the inbound thread pool, so the time-sync reply's
 * {@code serverReceiveTime} does not include queueing in that pool.
 */
@Component
public class ReceiveTimeStamp implements ChannelInterceptor {

    static final String HEADER = "watchTogetherReceivedAt";

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        double now = ServerClock.nowMillis();
        SimpMessageHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, SimpMessageHeaderAccessor.class);
        if (accessor != null && accessor.isMutable() && accessor.getHeader(HEADER) == null) {
            accessor.setHeader(HEADER, now);
        }
        return message;
    }

    /** When the frame arrived (epoch ms with a fraction), or now for a frame that was not stamped. */
    static double receivedAt(MessageHeaders headers) {
        Object stamp = headers.get(HEADER);
        return stamp instanceof Double time ? time : ServerClock.nowMillis();
    }
}
