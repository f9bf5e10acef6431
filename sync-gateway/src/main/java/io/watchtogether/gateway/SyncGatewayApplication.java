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

    public static void main(String[] args) {
        run(args);
    }

    /**
     * Starts the gateway reading {@code sync-gateway.properties}. The config name is passed as a command-line
     * argument, the highest-ranked property source, so a system property set for another service in the same
     * JVM cannot redirect it.
     */
    public static ConfigurableApplicationContext run(String... args) {
        String[] withConfigName = new String[args.length + 1];
        withConfigName[0] = "--spring.config.name=" + CONFIG_NAME;
        System.arraycopy(args, 0, withConfigName, 1, args.length);
        return SpringApplication.run(SyncGatewayApplication.class, withConfigName);
    }
}
