package io.watchtogether.gateway.stomp;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Gives every session the configured container buffers ({@code text-buffer-size}, {@code binary-buffer-size}).
 * Spring's STOMP handler raises a session's text buffer to at least 16 K characters plus headers when the session
 * starts (for SockJS, whose transports may carry that much in one message); the container allocates that buffer
 * for every session that sends a frame, 33 KiB a session. Plain WebSocket clients send whole STOMP frames of a few
 * hundred bytes here, so the configured size is set back once the STOMP handler has started the session.
 */
final class SessionBuffers extends WebSocketHandlerDecorator {

    private final int textBufferSize;
    private final int binaryBufferSize;

    SessionBuffers(WebSocketHandler delegate, int textBufferSize, int binaryBufferSize) {
        super(delegate);
        this.textBufferSize = textBufferSize;
        this.binaryBufferSize = binaryBufferSize;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(session);
        if (session.isOpen()) {
            session.setTextMessageSizeLimit(textBufferSize);
            session.setBinaryMessageSizeLimit(binaryBufferSize);
        }
    }
}
