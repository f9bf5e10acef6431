package io.watchtogether.projector.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tunables of the read model rebuild ({@code --rebuild} and {@code POST /admin/rebuild}).
 *
 * @param generationCache how long this projector trusts the generation pointer it read (its live writes and
 *                        reads); command-api and sync-gateway use {@code RoomReadModel.DEFAULT_GENERATION_CACHE}
 * @param switchGrace     how long the rebuild keeps following the log into the new generation after switching
 *                        to it, before it drops the old one: longer than every instance's generation cache, so
 *                        nobody reads or writes the old keys any more
 * @param progressInterval how often progress is logged (events done, events/s, ETA)
 * @param roomsPerBatch   rooms folded in memory before their states are written in one pipelined batch
 * @param maxPollRecords  records per poll of the rebuild's own consumer
 * @param pollTimeout     longest wait of one poll
 * @param catchUpRounds   how many times the rebuild re-reads the end of the log and catches up before switching
 *                        (events after the last round are followed after the switch)
 * @param lockTtl         expiry of the rebuild lock, extended while the rebuild runs: how long a crashed
 *                        rebuild blocks the next one
 */
@ConfigurationProperties("watch-together.projector.rebuild")
public record RebuildProperties(
        @DefaultValue("1s") Duration generationCache,
        @DefaultValue("2s") Duration switchGrace,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("10000") int roomsPerBatch,
        @DefaultValue("2000") int maxPollRecords,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue("3") int catchUpRounds,
        @DefaultValue("30s") Duration lockTtl) {

    public RebuildProperties {
        if (generationCache == null || generationCache.isNegative()) {
            throw new IllegalArgumentException("watch-together.projector.rebuild.generation-cache must not be negative");
        }
        requirePositive("switch-grace", switchGrace);
        requirePositive("progress-interval", progressInterval);
        requirePositive("poll-timeout", pollTimeout);
        requirePositive("lock-ttl", lockTtl);
        if (switchGrace.compareTo(generationCache) <= 0) {
            throw new IllegalArgumentException("watch-together.projector.rebuild.switch-grace (" + switchGrace
                    + ") must be longer than generation-cache (" + generationCache + ")");
        }
        if (lockTtl.compareTo(progressInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("watch-together.projector.rebuild.lock-ttl must be at least three progress intervals");
        }
        if (roomsPerBatch < 1 || maxPollRecords < 1 || catchUpRounds < 1) {
            throw new IllegalArgumentException(
                    "watch-together.projector.rebuild rooms-per-batch, max-poll-records and catch-up-rounds must be at least 1");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("watch-together.projector.rebuild." + name + " must be positive, got " + value);
        }
    }
}
