package io.watchtogether.gateway.stomp;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class BinaryFramesTest {

    @Test
    void text_frames_go_out_as_binary_frames_with_the_same_bytes() throws Exception {
        WebSocketHandler stomp = mock(WebSocketHandler.class);
        WebSocketSession connection = mock(WebSocketSession.class);
        new BinaryFrames(stomp).afterConnectionEstablished(connection);
        ArgumentCaptor<WebSocketSession> seenByStomp = ArgumentCaptor.forClass(WebSocketSession.class);
        verify(stomp).afterConnectionEstablished(seenByStomp.capture());
        byte[] frame = "MESSAGE\ncontent-type:application/json\n\n{\"type\":\"playback_updated\"}\0"
                .getBytes(StandardCharsets.UTF_8);

        seenByStomp.getValue().sendMessage(new TextMessage(frame));

        ArgumentCaptor<WebSocketMessage<?>> sent = ArgumentCaptor.forClass(WebSocketMessage.class);
        verify(connection).sendMessage(sent.capture());
        assertThat(sent.getValue()).isInstanceOf(BinaryMessage.class);
        assertThat(((BinaryMessage) sent.getValue()).getPayload().array()).isEqualTo(frame);
    }
}
