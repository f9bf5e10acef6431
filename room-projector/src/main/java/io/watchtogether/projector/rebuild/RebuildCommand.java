package io.watchtogether.projector.rebuild;

import io.watchtogether.projector.RoomProjectorApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * {@code room-projector --rebuild}: rebuilds the read model once and exits, 0 when it succeeded, 1 otherwise.
 * It runs beside the live projector (another process, no HTTP server, no live projection of its own) and reads
 * the same configuration ({@code room-projector.properties}, the environment, further {@code --name=value}
 * arguments).
 */
public final class RebuildCommand {

    public static final String FLAG = "--rebuild";
    /** Turns the live projection off; the rebuild command sets it. */
    public static final String LISTEN_PROPERTY = "watch-together.projector.listen";

    private static final Logger log = LoggerFactory.getLogger(RebuildCommand.class);

    private RebuildCommand() {
    }

    public static boolean requested(String... args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /** @return the process exit code */
    public static int run(String... args) {
        // As an argument, so that it outranks the configuration files.
        String[] rest = Stream.concat(Arrays.stream(args).filter(arg -> !FLAG.equals(arg)),
                Stream.of("--" + LISTEN_PROPERTY + "=false")).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RoomProjectorApplication.class)
                .properties("spring.config.name=" + RoomProjectorApplication.CONFIG_NAME)
                .web(WebApplicationType.NONE)
                .run(rest)) {
            RebuildStatus status = context.getBean(ReadModelRebuild.class).run(RebuildProgress.next());
            log.info("Rebuild {} succeeded: {} events, {} rooms, {} events/s, readers use {}", status.id(),
                    status.eventsDone(), status.rooms(), status.eventsPerSecond(), status.generation());
            return 0;
        } catch (RuntimeException e) {
            log.error("Rebuild failed: {}", e.getMessage() != null ? e.getMessage() : e.toString());
            return 1;
        }
    }
}
