package io.watchtogether.projector;

import io.watchtogether.projector.rebuild.RebuildCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Keeps the Redis read model and the MongoDB history of rooms in step with {@code room.events}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RoomProjectorApplication {

    /**
     * The name of this application's configuration files ({@code room-projector.properties}): the local
     * launcher runs all three services in one JVM, where a shared {@code application.properties} would
     * configure them all alike.
     */
    public static final String CONFIG_NAME = "room-projector";

    /** Runs the projector; with {@code --rebuild}, rebuilds the read model once and exits (see {@link RebuildCommand}). */
    public static void main(String[] args) {
        if (RebuildCommand.requested(args)) {
            System.exit(RebuildCommand.run(args));
        }
        run(args);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(RoomProjectorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
