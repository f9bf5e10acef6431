package io.watchtogether.commands;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user: {@code burst} commands at once, refilled at {@code perSecond}. Shared by REST and
 * STOMP since both send through {@link CommandClient}; a client that floods is refused before Kafka sees it.
 */
final class CommandRateLimit {

    private static final int MAX_TRACKED_USERS = 100_000;

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    CommandRateLimit(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Whether this user may send one more command at {@code nowNanos}. */
    boolean tryAcquire(String userId, long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        if (buckets.size() > MAX_TRACKED_USERS) {
            // Full buckets carry no information: dropping them all costs only a fresh burst allowance.
            buckets.clear();
        }
        return buckets.computeIfAbsent(userId, id -> new Bucket(burst, nowNanos)).take(nowNanos, perSecond, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.updatedNanos = nowNanos;
        }

        synchronized boolean take(long nowNanos, double perSecond, double burst) {
            tokens = Math.min(burst, tokens + (nowNanos - updatedNanos) / 1e9 * perSecond);
            updatedNanos = nowNanos;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
