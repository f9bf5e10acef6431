package io.watchtogether.launcher;

import io.watchtogether.infrastructure.EmbeddedInfrastructure.Ports;

import java.util.function.Function;

/**
 * What a local run listens on, and the JWT secret it shares between command-api and sync-gateway.
 *
 * @param infrastructure ports of Kafka, Redis and MongoDB
 * @param commandApiPort REST port of command-api
 * @param syncGatewayPort STOMP/WebSocket and web page port of sync-gateway
 * @param projectorPort  health port of room-projector
 * @param jwtSecret      the secret tokens are signed with; {@code null} makes the launcher generate one per run
 *                       (ports of 0 pick free ones)
 */
public record LaunchSettings(Ports infrastructure, int commandApiPort, int syncGatewayPort, int projectorPort,
                             String jwtSecret) {

    public static final String KAFKA_PORT = "KAFKA_PORT";
    public static final String REDIS_PORT = "REDIS_PORT";
    public static final String MONGO_PORT = "MONGO_PORT";
    public static final String COMMAND_API_PORT = "COMMAND_API_PORT";
    public static final String SYNC_GATEWAY_PORT = "SYNC_GATEWAY_PORT";
    public static final String PROJECTOR_PORT = "PROJECTOR_PORT";
    public static final String JWT_SECRET = "JWT_SECRET";

    public LaunchSettings {
        if (infrastructure == null) {
            throw new IllegalArgumentException("infrastructure ports are required");
        }
        requirePort(COMMAND_API_PORT, commandApiPort);
        requirePort(SYNC_GATEWAY_PORT, syncGatewayPort);
        requirePort(PROJECTOR_PORT, projectorPort);
        jwtSecret = jwtSecret == null || jwtSecret.isBlank() ? null : jwtSecret;
    }

    /** The standard ports: Kafka 9092, Redis 6379, MongoDB 27017, command-api 3000, sync-gateway 3001, projector 3002. */
    public static LaunchSettings defaults() {
        return new LaunchSettings(Ports.defaults(), 3000, 3001, 3002, null);
    }

    /** Free ports everywhere and a generated secret, for tests. */
    public static LaunchSettings randomPorts() {
        return new LaunchSettings(Ports.random(), 0, 0, 0, null);
    }

    /**
     * The defaults, overridden by system properties or else environment variables of the names declared here
     * ({@code KAFKA_PORT}, ..., {@code JWT_SECRET}).
     */
    public static LaunchSettings fromEnvironment() {
        return from(name -> System.getProperty(name, System.getenv(name)));
    }

    /** The defaults, overridden by whatever {@code variables} returns a value for. */
    static LaunchSettings from(Function<String, String> variables) {
        LaunchSettings defaults = defaults();
        Ports ports = defaults.infrastructure();
        return new LaunchSettings(
                new Ports(
                        portVariable(variables, KAFKA_PORT, ports.kafka()),
                        portVariable(variables, REDIS_PORT, ports.redis()),
                        portVariable(variables, MONGO_PORT, ports.mongo())),
                portVariable(variables, COMMAND_API_PORT, defaults.commandApiPort()),
                portVariable(variables, SYNC_GATEWAY_PORT, defaults.syncGatewayPort()),
                portVariable(variables, PROJECTOR_PORT, defaults.projectorPort()),
                variables.apply(JWT_SECRET));
    }

    public LaunchSettings withJwtSecret(String secret) {
        return new LaunchSettings(infrastructure, commandApiPort, syncGatewayPort, projectorPort, secret);
    }

    int port(Service service) {
        return switch (service) {
            case COMMAND_API -> commandApiPort;
            case ROOM_PROJECTOR -> projectorPort;
            case SYNC_GATEWAY -> syncGatewayPort;
        };
    }

    private static int portVariable(Function<String, String> variables, String name, int fallback) {
        String value = variables.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            requirePort(name, port);
            return port;
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0 picks a free one), got '" + value + "'");
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be a port number (0 picks a free one), got " + port);
        }
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "LaunchSettings[infrastructure=" + infrastructure + ", commandApiPort=" + commandApiPort
                + ", syncGatewayPort=" + syncGatewayPort + ", projectorPort=" + projectorPort
                + ", jwtSecret=" + (jwtSecret == null ? "generated" : "given") + "]";
    }
}
