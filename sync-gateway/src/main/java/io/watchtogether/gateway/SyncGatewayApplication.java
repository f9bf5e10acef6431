package io.watchtogether.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sync gateway: STOMP over WebSocket for the web client. It authenticates connections, lets only
 * participants subscribe to a room, forwards client commands to the room processor and fans the room log
 * out to subscribers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SyncGatewayApplication {

    /** Its own config file name, so several services can share one JVM (the local launcher) without clashing. */
    public static final String CONFIG_NAME = "sync-gateway";

    private static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    private static final int WEBSOCKET_OUTPUT_BUFFER = 2048;

    public static void main(String[] args) {
        run(args);
    }

    /**
     * Starts the gateway reading {@code sync-gateway.properties}. The config name is passed as a command-line
     * argument, the highest-ranked property source, so a system property set for another service in the same
     * JVM cannot redirect it.
     */
    /**
     * Tomcat's WebSocket output and encoder buffers per session (8 KiB each by default) are sized by a JVM system
     * property read once, when Tomcat's WebSocket classes load; outbound frames here are under a KiB, so the
     * gateway lowers it to {@value #WEBSOCKET_OUTPUT_BUFFER} bytes unless the JVM was started with its own value.
     * Called before anything starts Tomcat: by {@link #run} and by launchers that host the gateway in their JVM.
     */
    public static void limitWebSocketBuffers() {
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_OUTPUT_BUFFER));
        }
    }

    public static ConfigurableApplicationContext run(String... args) {
        limitWebSocketBuffers();
        String[] withConfigName = new String[args.length + 1];
        withConfigName[0] = "--spring.config.name=" + CONFIG_NAME;
        System.arraycopy(args, 0, withConfigName, 1, args.length);
        return SpringApplication.run(SyncGatewayApplication.class, withConfigName);
    }
}
