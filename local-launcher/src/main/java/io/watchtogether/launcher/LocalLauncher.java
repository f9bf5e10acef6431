package io.watchtogether.launcher;

import io.watchtogether.gateway.SyncGatewayApplication;
import io.watchtogether.infrastructure.EmbeddedInfrastructure;
import io.watchtogether.infrastructure.Infrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system in one JVM, without Docker: Kafka, Redis and MongoDB (see {@link EmbeddedInfrastructure}), then
 * command-api, room-projector and sync-gateway on them. Ctrl-C stops everything.
 * <p>
 * Ports come from {@code KAFKA_PORT}, {@code REDIS_PORT}, {@code MONGO_PORT}, {@code COMMAND_API_PORT},
 * {@code SYNC_GATEWAY_PORT} and {@code PROJECTOR_PORT} (system properties or environment variables), the token
 * secret from {@code JWT_SECRET}; see {@link LaunchSettings}.
 */
public final class LocalLauncher {

    private static final Logger log = LoggerFactory.getLogger(LocalLauncher.class);

    private LocalLauncher() {
    }

    public static void main(String[] args) {
        LocalSystem system;
        try {
            system = start(LaunchSettings.fromEnvironment());
        }
        catch (LaunchException | IllegalArgumentException e) {
            log.error("Local run failed: {}", e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(system.banner());
        // The services' web servers keep the JVM alive; the shutdown hook of LocalSystem stops them on Ctrl-C.
    }

    /**
     * Starts the infrastructure, then each service once the one before it has started.
     *
     * @throws LaunchException naming the reason, after stopping whatever had started
     */
    public static LocalSystem start(LaunchSettings settings) {
        requireFreePorts(settings);
        String secret = settings.jwtSecret();
        boolean generatedSecret = secret == null;
        if (generatedSecret) {
            secret = randomSecret();
            log.info("JWT_SECRET is not set: generated a random JWT secret for this run; set JWT_SECRET to choose one");
        }

        // Before any service starts a Tomcat in this JVM: the WebSocket buffer size is read once, JVM-wide.
        SyncGatewayApplication.limitWebSocketBuffers();
        EmbeddedInfrastructure infrastructure;
        try {
            infrastructure = EmbeddedInfrastructure.start(settings.infrastructure());
        }
        catch (RuntimeException e) {
            throw new LaunchException(e.getMessage(), e);
        }

        LocalSystem system = new LocalSystem(infrastructure, generatedSecret);
        for (Service service : Service.values()) {
            long startedAt = System.nanoTime();
            try {
                List<String> arguments = new ArrayList<>(List.of(
                        arguments(service, settings.port(service), infrastructure, secret)));
                if (service == Service.SYNC_GATEWAY && isBlank(System.getenv("COMMAND_API_URL"))) {
                    // The web client the gateway serves calls command-api where this run put it.
                    arguments.add("--watch-together.gateway.web-client.api-url=http://localhost:"
                            + system.port(Service.COMMAND_API));
                }
                ConfigurableApplicationContext context = service.run(arguments.toArray(String[]::new));
                system.add(service, context);
            }
            catch (RuntimeException e) {
                system.close();
                throw e instanceof LaunchException launch ? launch
                        : new LaunchException(service + " did not start: " + rootMessage(e), e);
            }
            log.info("{} started on port {} in {} ms", service, system.port(service),
                    (System.nanoTime() - startedAt) / 1_000_000);
        }
        return system;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Command-line arguments for one service. The connection properties are Spring's own, so any client Boot
     * configures in any of the services points at the embedded servers; the token secret is passed under the
     * name the services' property files read, {@code JWT_SECRET}.
     */
    static String[] arguments(Service service, int port, Infrastructure infrastructure, String secret) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.data.redis.url=" + infrastructure.redisUrl(),
                // LocalSystem stops the services itself: in reverse order, and before the servers they use.
                "--spring.main.register-shutdown-hook=false",
                // Otherwise Boot stops Logback at JVM shutdown, in parallel with that, and the shutdown goes unlogged.
                "--logging.register-shutdown-hook=false",
                // Ctrl-C should not wait for open WebSocket sessions or requests to end.
                "--server.shutdown=immediate",
                "--spring.main.banner-mode=off",
                // Boot would credit the start to the JVM's main class; the launcher logs each service's start itself.
                "--spring.main.log-startup-info=false",
                // Every service reads MongoDB: accounts (command-api), the history (projector writes, gateway replays).
                "--spring.mongodb.uri=" + infrastructure.mongoUri()));
        if (service.usesTokens()) {
            arguments.add("--" + LaunchSettings.JWT_SECRET + "=" + secret);
        }
        return arguments.toArray(String[]::new);
    }

    /** Fails before anything starts when a fixed port is taken, naming every such port and how to move it. */
    private static void requireFreePorts(LaunchSettings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(LaunchSettings.COMMAND_API_PORT, settings.commandApiPort());
        ports.put(LaunchSettings.SYNC_GATEWAY_PORT, settings.syncGatewayPort());
        ports.put(LaunchSettings.PROJECTOR_PORT, settings.projectorPort());
        ports.put(LaunchSettings.KAFKA_PORT, settings.infrastructure().kafka());
        ports.put(LaunchSettings.REDIS_PORT, settings.infrastructure().redis());
        ports.put(LaunchSettings.MONGO_PORT, settings.infrastructure().mongo());
        List<String> taken = new ArrayList<>();
        ports.forEach((variable, port) -> {
            if (port != 0 && !isFree(port)) {
                taken.add(port + " (" + variable + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new LaunchException((taken.size() == 1 ? "Port " : "Ports ") + String.join(", ", taken) + " already in use; is another local run"
                    + " or a local Kafka, Redis or MongoDB still running? Stop it, or set the variable named in"
                    + " brackets to another port (0 picks a free one).");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the servers themselves: a port whose last connections are in TIME_WAIT is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    }
}
