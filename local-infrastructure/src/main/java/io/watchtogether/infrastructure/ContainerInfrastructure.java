package io.watchtogether.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same infrastructure in Docker containers via Testcontainers: {@code apache/kafka} (KRaft, single node),
 * {@code redis:7} and {@code mongo:7}. Only usable when a Docker engine is reachable, see {@link #dockerAvailable()}.
 */
public final class ContainerInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);

    public static final String KAFKA_IMAGE = "apache/kafka:4.2.1";
    public static final String REDIS_IMAGE = "redis:7";
    public static final String MONGO_IMAGE = "mongo:7";

    private static Boolean dockerAvailable;

    private final KafkaContainer kafka;
    private final GenericContainer<?> redis;
    private final MongoDBContainer mongo;
    private boolean closed;

    private ContainerInfrastructure(KafkaContainer kafka, GenericContainer<?> redis, MongoDBContainer mongo) {
        this.kafka = kafka;
        this.redis = redis;
        this.mongo = mongo;
    }

    /**
     * Whether a Docker engine is reachable. Cached for the JVM. Returns {@code false} quickly, and without
     * Testcontainers' error logging, when no Docker endpoint is configured or present at all.
     */
    public static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = dockerEndpointConfigured() && askTestcontainers();
        }
        return dockerAvailable;
    }

    private static boolean askTestcontainers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError e) {
            log.debug("Docker is not available", e);
            return false;
        }
    }

    // Mirrors where Testcontainers' strategies look; if none of these exist it would only fail, slowly and loudly.
    private static boolean dockerEndpointConfigured() {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            return true;
        }
        if (System.getenv("DOCKER_HOST") != null || System.getProperty("docker.host") != null
                || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home", "/"));
        List<Path> candidates = new ArrayList<>(List.of(
                home.resolve(".testcontainers.properties"),
                Path.of("/var/run/docker.sock"),
                Path.of("/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".docker/contexts"),
                home.resolve(".rd/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".orbstack/run/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
        }
        if (candidates.stream().anyMatch(Files::exists)) {
            return true;
        }
        try (Stream<Path> users = Files.list(Path.of("/run/user"))) {
            return users.anyMatch(dir -> Files.exists(dir.resolve("docker.sock")));
        }
        catch (Exception e) {
            return false;
        }
    }

    /**
     * Starts the three containers in parallel.
     *
     * @throws IllegalStateException if Docker is not available or a container does not start
     */
    public static ContainerInfrastructure start() {
        if (!dockerAvailable()) {
            throw new IllegalStateException("No Docker engine is reachable; use EmbeddedInfrastructure instead");
        }
        // Same single-broker settings as the embedded broker, so both behave alike.
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "1")
                .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
        long startedAt = System.nanoTime();
        try {
            Startables.deepStart(kafka, redis, mongo).join();
        }
        catch (RuntimeException e) {
            Stream.of(kafka, redis, mongo).forEach(ContainerInfrastructure::stopQuietly);
            throw new IllegalStateException("Could not start the containers: " + e.getMessage(), e);
        }
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(kafka, redis, mongo);
        log.info("Started in {} ms: {}", (System.nanoTime() - startedAt) / 1_000_000, infrastructure.description());
        return infrastructure;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String redisUrl() {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    @Override
    public String mongoUri() {
        return mongo.getConnectionString() + "/" + EmbeddedInfrastructure.MONGO_DATABASE;
    }

    @Override
    public String description() {
        return "containers: Kafka (" + KAFKA_IMAGE + ") at " + kafkaBootstrapServers()
                + ", Redis (" + REDIS_IMAGE + ") at " + redisUrl()
                + ", MongoDB (" + MONGO_IMAGE + ") at " + mongoUri();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Stream.of(kafka, redis, mongo).forEach(ContainerInfrastructure::stopQuietly);
        log.info("Stopped containers");
    }

    private static void stopQuietly(GenericContainer<?> container) {
        try {
            container.stop();
        }
        catch (RuntimeException e) {
            log.warn("Failed to stop container {}", container.getDockerImageName(), e);
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
