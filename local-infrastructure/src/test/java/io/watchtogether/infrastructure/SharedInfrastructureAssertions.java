package io.watchtogether.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

final class SharedInfrastructureAssertions {

    // Whichever test class runs first records what it saw; the other must see the identical, still running instance.
    private static final AtomicReference<Infrastructure> FIRST_SEEN = new AtomicReference<>();

    private SharedInfrastructureAssertions() {
    }

    static void sameAsEveryOtherTestClass(Infrastructure infrastructure) {
        FIRST_SEEN.compareAndSet(null, infrastructure);
        assertThat(infrastructure).isSameAs(FIRST_SEEN.get());
        RedisClient redis = RedisClient.create(infrastructure.redisUrl());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
        finally {
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
