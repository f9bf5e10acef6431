package io.watchtogether.gateway.stomp;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class SessionBuffersTest {

    @Test
    void the_configured_buffers_replace_what_the_stomp_handler_set_when_the_session_started() throws Exception {
        WebSocketHandler stomp = mock(WebSocketHandler.class);
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.isOpen()).thenReturn(true);
        // What Spring's STOMP handler does as a session starts: at least 16 K characters plus headers.
        doAnswer(call -> {
            session.setTextMessageSizeLimit(16 * 1024 + 256);
            return null;
        }).when(stomp).afterConnectionEstablished(session);

        new SessionBuffers(stomp, 4096, 1024).afterConnectionEstablished(session);

        InOrder order = inOrder(session);
        order.verify(session).setTextMessageSizeLimit(16 * 1024 + 256);
        order.verify(session).setTextMessageSizeLimit(4096);
        order.verify(session).setBinaryMessageSizeLimit(1024);
    }
}
