package io.watchtogether.gateway.replay;

import io.watchtogether.readmodel.history.RoomHistoryReader;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Replays of past watch sessions from the room history.
 *
 * @param historyCollection the MongoDB collection room-projector records the history in
 * @param maxSpeed          the fastest replay a client may ask for (speed is a factor from 1 up to this)
 * @param maxGap            longest pause between two events, in the session's own time, before the speed is
 *                          applied ({@code 0}: every pause as it was, even a night's)
 * @param batchSize         events read from MongoDB at a time while a replay runs
 * @param threads           threads that time every replay of this instance (none sleeps: each waits as a
 *                          scheduled task)
 */
@Validated
@ConfigurationProperties("watch-together.gateway.replay")
public record ReplayProperties(
        @DefaultValue(RoomHistoryReader.DEFAULT_COLLECTION) @NotBlank String historyCollection,
        @DefaultValue("100") @Min(1) @Max(10_000) int maxSpeed,
        @DefaultValue("0s") @NotNull Duration maxGap,
        @DefaultValue("200") @Min(1) int batchSize,
        @DefaultValue("1") @Min(1) int threads) {
}
