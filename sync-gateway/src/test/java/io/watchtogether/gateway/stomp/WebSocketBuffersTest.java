package io.watchtogether.gateway.stomp;

import io.watchtogether.gateway.GatewayIntegrationTest;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every session's container buffers are the configured ones, not the container's 8 K defaults. */
class WebSocketBuffersTest extends GatewayIntegrationTest {

    @Autowired
    private ServletContext servletContext;

    @Test
    void sessions_get_the_configured_buffer_sizes() {
        ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());

        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(4096);
        assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(1024);
    }
}
