package io.watchtogether.projector;

import io.watchtogether.events.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tunables of the projector.
 *
 * @param topic               the event log to project
 * @param groupId             the consumer group of the live projection
 * @param concurrency         consumers in this instance (each owns some partitions, so rooms stay ordered)
 * @param keyPrefix           base prefix of the read model's Redis keys; a rebuild fills a new generation under
 *                            {@code <keyPrefix>:g<epochMillis>} and switches to it (see {@code ReadModelGenerations})
 * @param closedRoomRetention how long a closed room's state stays readable in Redis
 * @param historyCollection   MongoDB collection of the room history
 * @param stateCacheSize      rooms whose latest state is kept in memory to spare a Redis read per event
 * @param retryInitialInterval first pause before retrying an event that failed (Redis/Mongo down, a gap)
 * @param retryMaxInterval    longest pause between retries; retries never stop, since skipping an event
 *                            would corrupt the read model. Keep it well under {@code max.poll.interval.ms}.
 */
@ConfigurationProperties("watch-together.projector")
public record ProjectorProperties(
        @DefaultValue(Topics.EVENTS) String topic,
        @DefaultValue("room-projector") String groupId,
        @DefaultValue("1") int concurrency,
        @DefaultValue("wt") String keyPrefix,
        @DefaultValue("24h") Duration closedRoomRetention,
        @DefaultValue("room_history") String historyCollection,
        @DefaultValue("10000") int stateCacheSize,
        @DefaultValue("500ms") Duration retryInitialInterval,
        @DefaultValue("30s") Duration retryMaxInterval) {

    public ProjectorProperties {
        requireText("topic", topic);
        requireText("group-id", groupId);
        requireText("key-prefix", keyPrefix);
        requireText("history-collection", historyCollection);
        if (concurrency < 1) {
            throw new IllegalArgumentException("watch-together.projector.concurrency must be at least 1, got " + concurrency);
        }
        if (stateCacheSize < 0) {
            throw new IllegalArgumentException("watch-together.projector.state-cache-size must not be negative");
        }
        requirePositive("closed-room-retention", closedRoomRetention);
        requirePositive("retry-initial-interval", retryInitialInterval);
        requirePositive("retry-max-interval", retryMaxInterval);
        if (retryMaxInterval.compareTo(retryInitialInterval) < 0) {
            throw new IllegalArgumentException("watch-together.projector.retry-max-interval must not be below retry-initial-interval");
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("watch-together.projector." + name + " must not be blank");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("watch-together.projector." + name + " must be positive, got " + value);
        }
    }
}
