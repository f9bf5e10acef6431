package io.watchtogether.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit extension that gives all test classes of a test run one shared {@link Infrastructure}: containers when a
 * Docker engine is reachable, otherwise {@link EmbeddedInfrastructure} on random ports. It is closed when the test
 * run ends.
 * <p>
 * While it runs, the system properties {@value #KAFKA_PROPERTY}, {@value #REDIS_PROPERTY} and
 * {@value #MONGO_PROPERTY} point at it, so Spring Boot tests need no further configuration. The system property
 * {@value #MODE_PROPERTY} ({@code embedded}, {@code containers} or {@code auto}, the default) forces a choice.
 */
public final class TestInfrastructure implements BeforeAllCallback {

    public static final String KAFKA_PROPERTY = "spring.kafka.bootstrap-servers";
    public static final String REDIS_PROPERTY = "spring.data.redis.url";
    public static final String MONGO_PROPERTY = "spring.mongodb.uri";
    public static final String MODE_PROPERTY = "watchtogether.infrastructure";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestInfrastructure.class);

    private static Shared shared;
    private static boolean shutdownHookAdded;

    @Override
    public void beforeAll(ExtensionContext context) {
        Shared current = current();
        // The root store is closed once, after the last test of the run; that ends the shared infrastructure.
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(Shared.class, type -> current, Shared.class);
    }

    /** The shared infrastructure, started on first use. */
    public static Infrastructure get() {
        return current().infrastructure();
    }

    private static synchronized Shared current() {
        if (shared == null) {
            shared = new Shared(startInfrastructure());
            shared.publish();
            if (!shutdownHookAdded) {
                // For get() used without the extension: no store closes it, so stop it at JVM exit without any grace period.
                Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::closeShared, "test-infrastructure-shutdown"));
                shutdownHookAdded = true;
            }
        }
        return shared;
    }

    private static Infrastructure startInfrastructure() {
        String mode = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase();
        boolean containers = switch (mode) {
            case "containers" -> true;
            case "embedded" -> false;
            case "auto" -> ContainerInfrastructure.dockerAvailable();
            default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, embedded or containers, not " + mode);
        };
        log.info("Starting shared test infrastructure using {}", containers
                ? "Docker containers (Testcontainers)"
                : "embedded servers (" + ("auto".equals(mode) ? "no Docker engine reachable" : MODE_PROPERTY + "=embedded") + ")");
        Infrastructure infrastructure = containers
                ? ContainerInfrastructure.start()
                : EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.random());
        log.info("Shared test infrastructure: {}", infrastructure.description());
        return infrastructure;
    }

    private static synchronized void closeShared() {
        if (shared != null) {
            Shared closing = shared;
            shared = null;
            closing.unpublish();
            closing.infrastructure().close();
        }
    }

    /** The store entry; remembers the system properties it replaced so they can be restored. */
    private static final class Shared implements AutoCloseable {

        private final Infrastructure infrastructure;
        private final Map<String, String> previousProperties = new LinkedHashMap<>();

        Shared(Infrastructure infrastructure) {
            this.infrastructure = infrastructure;
        }

        Infrastructure infrastructure() {
            return infrastructure;
        }

        void publish() {
            set(KAFKA_PROPERTY, infrastructure.kafkaBootstrapServers());
            set(REDIS_PROPERTY, infrastructure.redisUrl());
            set(MONGO_PROPERTY, infrastructure.mongoUri());
        }

        private void set(String key, String value) {
            previousProperties.put(key, System.getProperty(key));
            System.setProperty(key, value);
        }

        void unpublish() {
            previousProperties.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                }
                else {
                    System.setProperty(key, value);
                }
            });
        }

        @Override
        public void close() {
            synchronized (TestInfrastructure.class) {
                if (shared == this) {
                    closeShared();
                }
            }
        }
    }
}
