package io.watchtogether.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * command-api: accounts and tokens, the REST API, and the room processor (the single writer of every room).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandApiApplication {

    /** The name of this service's configuration file ({@code command-api.properties}). */
    public static final String CONFIG_NAME = "command-api";

    public static void main(String[] args) {
        run(args);
    }

    /**
     * Starts command-api reading {@code command-api.properties}: the three services may share one JVM and
     * classpath (the local launcher), so none of them reads {@code application.properties}.
     */
    public static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(CommandApiApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
