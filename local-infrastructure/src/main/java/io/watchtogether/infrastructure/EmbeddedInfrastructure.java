package io.watchtogether.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real infrastructure without Docker, all on {@code 127.0.0.1}: an in-process Kafka broker in KRaft mode, a
 * {@code redis-server} child process and an in-process, in-memory MongoDB wire-protocol server.
 * <p>
 * Several instances may run in one JVM one after another (start, close, start again) or side by side on
 * different ports. Kafka's data lives in a fresh temporary directory that {@link #close()} deletes.
 * <p>
 * On JVM shutdown (Ctrl-C) an instance that is still open is closed by a shutdown hook. The hook first waits
 * {@link #SHUTDOWN_GRACE} for the application's own shutdown code to close it, so applications can stop their
 * clients before the servers go away.
 */
public final class EmbeddedInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    /** Database name used in {@link #mongoUri()}. */
    public static final String MONGO_DATABASE = "watchtogether";

    /** How long the shutdown hook waits for the application to call {@link #close()} itself. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    /**
     * Ports to listen on; 0 means "pick a free port".
     *
     * @param kafka Kafka client listener
     * @param redis redis-server
     * @param mongo MongoDB wire protocol
     */
    public record Ports(int kafka, int redis, int mongo) {

        public Ports {
            for (int port : new int[] {kafka, redis, mongo}) {
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("Port out of range: " + port);
                }
            }
        }

        /** The services' standard ports: Kafka 9092, Redis 6379, MongoDB 27017. */
        public static Ports defaults() {
            return new Ports(9092, 6379, 27017);
        }

        /** Free ports chosen at start, for tests. */
        public static Ports random() {
            return new Ports(0, 0, 0);
        }
    }

    private final EmbeddedKafka kafka;
    private final EmbeddedRedis redis;
    private final EmbeddedMongo mongo;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::closeOnShutdown, "embedded-infrastructure-shutdown");
    private boolean closed;

    private EmbeddedInfrastructure(EmbeddedKafka kafka, EmbeddedRedis redis, EmbeddedMongo mongo) {
        this.kafka = kafka;
        this.redis = redis;
        this.mongo = mongo;
    }

    /**
     * Starts Kafka, Redis and MongoDB.
     *
     * @throws IllegalStateException if a fixed port is taken or a server does not start; nothing is left running
     */
    public static EmbeddedInfrastructure start(Ports ports) {
        Map<String, Integer> fixed = new LinkedHashMap<>();
        fixed.put("Kafka", ports.kafka());
        fixed.put("Redis", ports.redis());
        fixed.put("MongoDB", ports.mongo());
        PortCheck.requireFree(fixed);

        long startedAt = System.nanoTime();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // The cheap ones first, so a Redis problem does not cost a Kafka start-up.
            EmbeddedRedis redis = EmbeddedRedis.start(ports.redis());
            started.add(redis);
            EmbeddedMongo mongo = EmbeddedMongo.start(ports.mongo());
            started.add(mongo);
            EmbeddedKafka kafka = EmbeddedKafka.start(ports.kafka());
            EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(kafka, redis, mongo);
            Runtime.getRuntime().addShutdownHook(infrastructure.shutdownHook);
            log.info("Started in {} ms: {}", (System.nanoTime() - startedAt) / 1_000_000, infrastructure.description());
            return infrastructure;
        }
        catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                closeQuietly(started.get(i));
            }
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("Could not start the embedded infrastructure: " + e.getMessage(), e);
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String redisUrl() {
        return "redis://" + PortCheck.LOOPBACK + ":" + redis.port();
    }

    @Override
    public String mongoUri() {
        return "mongodb://" + PortCheck.LOOPBACK + ":" + mongo.port() + "/" + MONGO_DATABASE;
    }

    @Override
    public String description() {
        return "embedded: Kafka (KRaft, in-process) at " + kafkaBootstrapServers()
                + ", redis-server at " + redisUrl()
                + ", MongoDB (mongo-java-server, in-memory) at " + mongoUri();
    }

    /** Root of the Kafka broker's data; it no longer exists after {@link #close()}. */
    public Path kafkaDataDirectory() {
        return kafka.dataDirectory();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeQuietly(kafka);
            closeQuietly(mongo);
            closeQuietly(redis);
            log.info("Stopped embedded infrastructure");
        }
        finally {
            closedLatch.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (IllegalStateException alreadyShuttingDown) {
                // Nothing to remove: the hook is running or about to run, and will see the latch.
            }
        }
    }

    private void closeOnShutdown() {
        try {
            if (!closedLatch.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("JVM shutting down; stopping the embedded infrastructure that is still running");
                close();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        }
        catch (Exception e) {
            log.warn("Failed to stop {}", resource.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
