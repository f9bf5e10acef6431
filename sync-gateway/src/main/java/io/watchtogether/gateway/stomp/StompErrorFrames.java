package io.watchtogether.gateway.stomp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

import java.nio.charset.StandardCharsets;

/**
 * The ERROR frame for a frame Spring could not take in (not STOMP, too large), sent before the connection
 * is closed. It says only that, so no internal detail or stack trace reaches a client. Refused CONNECTs get
 * their own ERROR frame (see {@code ConnectAuthentication}).
 */
class StompErrorFrames extends StompSubProtocolErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(StompErrorFrames.class);
    private static final String MESSAGE = "The frame could not be processed";

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        log.warn("Closing a STOMP session after a frame failed: {}", ex.toString());
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setMessage(MESSAGE);
        accessor.setContentType(MimeTypeUtils.TEXT_PLAIN);
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(MESSAGE.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders());
    }
}
