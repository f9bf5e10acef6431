package io.watchtogether.launcher;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.gateway.SyncGatewayApplication;
import io.watchtogether.projector.RoomProjectorApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.function.Function;

/** The services the launcher runs, in start order: command-api first, because it creates the topics. */
public enum Service {

    COMMAND_API("command-api", true, CommandApiApplication::run),
    ROOM_PROJECTOR("room-projector", false, RoomProjectorApplication::run),
    SYNC_GATEWAY("sync-gateway", true, SyncGatewayApplication::run);

    private final String serviceName;
    private final boolean usesTokens;
    private final Function<String[], ConfigurableApplicationContext> application;

    Service(String serviceName, boolean usesTokens, Function<String[], ConfigurableApplicationContext> application) {
        this.serviceName = serviceName;
        this.usesTokens = usesTokens;
        this.application = application;
    }

    /** The module name, which is also the service's {@code spring.config.name}. */
    public String serviceName() {
        return serviceName;
    }

    /** Whether it issues or verifies access tokens, and so needs {@code JWT_SECRET}. */
    boolean usesTokens() {
        return usesTokens;
    }

    ConfigurableApplicationContext run(String... args) {
        return application.apply(args);
    }

    @Override
    public String toString() {
        return serviceName;
    }
}
