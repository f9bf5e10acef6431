package io.watchtogether.gateway.stomp;

import io.watchtogether.gateway.connect.ConnectAuthentication;
import io.watchtogether.gateway.membership.DestinationGuard;
import io.watchtogether.gateway.membership.RoomAudienceFilter;
import io.watchtogether.gateway.time.ReceiveTimeStamp;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP 1.2 over WebSocket at {@code /ws}: an in-memory broker for {@code /topic} (room broadcasts) and
 * {@code /queue} (direct replies), {@code /app} for the controllers, {@code /user} for per-session replies.
 *
 * <p>Each instance only serves the sessions it holds; instances share nothing but Kafka, so the simple broker
 * is enough (no broker relay). Inbound frames of a session are handled in the order they arrived, and
 * outbound frames are delivered in the order they were published, so a subscriber sees a room's events in
 * log order.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

    static final String ENDPOINT = "/ws";
    static final String SOCKJS_ENDPOINT = "/ws-sockjs";

    private final StompProperties properties;
    private final TaskScheduler heartbeatScheduler;
    private final ReceiveTimeStamp receiveTimeStamp;
    private final ConnectAuthentication authentication;
    private final DestinationGuard destinationGuard;
    private final RoomAudienceFilter audienceFilter;

    StompConfiguration(StompProperties properties,
                       @Qualifier(StompScheduling.HEARTBEAT_SCHEDULER) TaskScheduler heartbeatScheduler,
                       ReceiveTimeStamp receiveTimeStamp, ConnectAuthentication authentication,
                       DestinationGuard destinationGuard, RoomAudienceFilter audienceFilter) {
        this.properties = properties;
        this.heartbeatScheduler = heartbeatScheduler;
        this.receiveTimeStamp = receiveTimeStamp;
        this.authentication = authentication;
        this.destinationGuard = destinationGuard;
        this.audienceFilter = audienceFilter;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        String[] origins = properties.allowedOriginPatterns().stream().map(String::trim).toArray(String[]::new);
        registry.setErrorHandler(new StompErrorFrames());
        registry.setPreserveReceiveOrder(true);
        registry.addEndpoint(ENDPOINT).setAllowedOriginPatterns(origins);
        if (properties.sockJs()) {
            registry.addEndpoint(SOCKJS_ENDPOINT).setAllowedOriginPatterns(origins).withSockJS();
        }
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // Destinations are dotted (rooms.{roomId}.join), so a room id is one path segment.
        registry.setPathMatcher(new AntPathMatcher("."));
        registry.setPreservePublishOrder(true);
        registry.enableSimpleBroker("/topic", "/queue")
                .setTaskScheduler(heartbeatScheduler)
                .setHeartbeatValue(new long[] {
                        properties.serverHeartbeat().toMillis(), properties.clientHeartbeat().toMillis()});
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // Order matters: stamp the arrival time first, authenticate CONNECT, then police destinations.
        registration.interceptors(receiveTimeStamp, authentication, destinationGuard);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(audienceFilter);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(properties.messageSizeLimit())
                .setSendBufferSizeLimit(properties.sendBufferSizeLimit())
                .setSendTimeLimit((int) properties.sendTimeLimit().toMillis());
        registration.addDecoratorFactory(
                handler -> new SessionBuffers(handler, properties.textBufferSize(), properties.binaryBufferSize()));
        if (properties.binaryFrames()) {
            registration.addDecoratorFactory(BinaryFrames::new);
        }
    }

    /**
     * The WebSocket container's per-session buffers. Tomcat allocates them for every session whether it sends
     * anything or not (by default 8 K characters for text, 8 KiB twice for binary: 32 KiB a session); clients send
     * small frames (commands, at most a few KiB), so smaller buffers are most of what a session costs in memory.
     */
    /** Smaller per-connection buffers in Tomcat: a WebSocket session keeps its connection, and its buffers, for hours. */
    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(properties.socketBufferSize()));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(properties.socketBufferSize()));
        };
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.textBufferSize());
        container.setMaxBinaryMessageBufferSize(properties.binaryBufferSize());
        return container;
    }
}
