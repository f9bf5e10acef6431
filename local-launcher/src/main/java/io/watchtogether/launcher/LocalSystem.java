package io.watchtogether.launcher;

import io.watchtogether.infrastructure.EmbeddedInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A running local system: the embedded infrastructure and the services started on it.
 * <p>
 * {@link #close()} stops the services in reverse start order, then the infrastructure, so no service loses its
 * broker or database while it is still shutting down. A JVM shutdown hook (Ctrl-C) does the same for a system
 * that is still open.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

    private final EmbeddedInfrastructure infrastructure;
    private final boolean generatedSecret;
    private final Map<Service, ConfigurableApplicationContext> services = new EnumMap<>(Service.class);
    private final Thread shutdownHook = new Thread(this::closeOnShutdown, "local-launcher-shutdown");
    private boolean closed;

    LocalSystem(EmbeddedInfrastructure infrastructure, boolean generatedSecret) {
        this.infrastructure = infrastructure;
        this.generatedSecret = generatedSecret;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    synchronized void add(Service service, ConfigurableApplicationContext context) {
        if (closed) {
            // Ctrl-C arrived while this service was starting.
            context.close();
            throw new LaunchException("Stopped while " + service + " was starting");
        }
        services.put(service, context);
    }

    /** The port a service's HTTP server listens on (the one it picked, when asked for port 0). */
    public synchronized int port(Service service) {
        ConfigurableApplicationContext context = services.get(service);
        if (context == null) {
            throw new IllegalStateException(service + " is not running");
        }
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException(service + " has no HTTP server");
        }
        return port;
    }

    /** {@code http://localhost:<port>} of a service. */
    public String url(Service service) {
        return "http://localhost:" + port(service);
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    /** What runs where, for a person at the terminal. */
    public String banner() {
        int gateway = port(Service.SYNC_GATEWAY);
        String line = "=".repeat(78);
        return String.join(System.lineSeparator(), List.of(
                "",
                line,
                "  Watch Together is running locally",
                "",
                "  Web page            http://localhost:" + gateway + "/",
                "  STOMP (WebSocket)   ws://localhost:" + gateway + "/ws",
                "  REST API            " + url(Service.COMMAND_API) + "   (e.g. POST /auth/register)",
                "  Health              " + url(Service.COMMAND_API) + "/actuator/health     command-api",
                "                      " + url(Service.SYNC_GATEWAY) + "/actuator/health     sync-gateway",
                "                      " + url(Service.ROOM_PROJECTOR) + "/actuator/health     room-projector",
                "  Kafka               " + infrastructure.kafkaBootstrapServers() + "   (KRaft, in-process)",
                "  Redis               " + infrastructure.redisUrl() + "   (redis-server child process)",
                "  MongoDB             " + infrastructure.mongoUri() + "   (in memory)",
                "  JWT secret          " + (generatedSecret
                        ? "generated for this run; set JWT_SECRET to choose one"
                        : "from JWT_SECRET"),
                "",
                "  All data lives only as long as this run. Ctrl-C stops everything.",
                line,
                ""));
    }

    /** Stops the services in reverse start order, then the infrastructure. Never throws; repeated calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startedAt = System.nanoTime();
        List<Service> startOrder = List.copyOf(services.keySet());
        for (int i = startOrder.size() - 1; i >= 0; i--) {
            Service service = startOrder.get(i);
            try {
                services.get(service).close();
            }
            catch (RuntimeException e) {
                log.warn("{} did not stop cleanly", service, e);
            }
        }
        services.clear();
        infrastructure.close();
        log.info("Local run stopped in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // This close() runs from the hook, or the JVM is exiting anyway.
        }
    }

    private void closeOnShutdown() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        log.info("Shutting down: stopping the services, then Kafka, Redis and MongoDB");
        close();
    }
}
