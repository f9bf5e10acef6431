package io.watchtogether.gateway.stomp;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import java.io.IOException;

/**
 * Sends the STOMP frames a session gets in binary WebSocket frames ({@code watch-together.gateway.stomp.binary-frames}).
 * Spring's STOMP handler encodes each frame to UTF-8 bytes and hands them over as a text message, which the
 * container then encodes again, character by character, for every subscriber; as binary the bytes go out as they
 * are. The frames themselves are unchanged.
 */
final class BinaryFrames extends WebSocketHandlerDecorator {

    BinaryFrames(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(new WebSocketSessionDecorator(session) {
            @Override
            public void sendMessage(WebSocketMessage<?> message) throws IOException {
                super.sendMessage(message instanceof TextMessage text ? new BinaryMessage(text.asBytes()) : message);
            }
        });
    }
}
