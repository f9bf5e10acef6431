package io.watchtogether.infrastructure;

import java.lang.reflect.Method;
import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * Turns the embedded Kafka broker's own loggers down to WARN without any logging configuration file.
 * <p>
 * Only loggers used by broker-side code are touched (not the clients' or Kafka Streams'), and only when nobody
 * configured them. The {@code logging.level.*} system properties keep the levels when a Spring Boot application
 * (re)initialises logging later in the same JVM; the direct Logback call covers code that runs before that.
 */
final class BrokerLogging {

    static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.common.test",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.security",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage");

    private BrokerLogging() {
    }

    static void quiet() {
        for (String name : BROKER_LOGGERS) {
            String property = "logging.level." + name;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "WARN");
                setLogbackLevelIfUnset(name);
            }
        }
    }

    // Reflection keeps Logback optional: consumers may use another SLF4J binding.
    private static void setLogbackLevelIfUnset(String name) {
        try {
            Object logger = LoggerFactory.getLogger(name);
            Class<?> logbackLogger = Class.forName("ch.qos.logback.classic.Logger", false, logger.getClass().getClassLoader());
            if (!logbackLogger.isInstance(logger) || logbackLogger.getMethod("getLevel").invoke(logger) != null) {
                return;
            }
            Class<?> level = Class.forName("ch.qos.logback.classic.Level", false, logbackLogger.getClassLoader());
            Method setLevel = logbackLogger.getMethod("setLevel", level);
            setLevel.invoke(logger, level.getField("WARN").get(null));
        }
        catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Not Logback, or an incompatible version: keep the existing levels.
        }
    }
}
