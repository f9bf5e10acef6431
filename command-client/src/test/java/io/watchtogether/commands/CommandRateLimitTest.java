package io.watchtogether.commands;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void a_burst_is_allowed_then_the_rate_applies() {
        CommandRateLimit limit = new CommandRateLimit(2, 3);

        assertThat(limit.tryAcquire("u", 0)).isTrue();
        assertThat(limit.tryAcquire("u", 0)).isTrue();
        assertThat(limit.tryAcquire("u", 0)).isTrue();
        assertThat(limit.tryAcquire("u", 0)).isFalse();
        assertThat(limit.tryAcquire("u", SECOND / 2)).isTrue();
        assertThat(limit.tryAcquire("u", SECOND / 2)).isFalse();
    }

    @Test
    void users_have_separate_buckets() {
        CommandRateLimit limit = new CommandRateLimit(1, 1);

        assertThat(limit.tryAcquire("alice", 0)).isTrue();
        assertThat(limit.tryAcquire("alice", 0)).isFalse();
        assertThat(limit.tryAcquire("bob", 0)).isTrue();
    }

    @Test
    void a_zero_rate_means_no_limit() {
        CommandRateLimit limit = new CommandRateLimit(0, 0);

        for (int i = 0; i < 1000; i++) {
            assertThat(limit.tryAcquire("u", 0)).isTrue();
        }
    }
}
