package io.watchtogether.gateway.presence;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * When a participant who went quiet is made to leave their room.
 *
 * @param heartbeatInterval how often clients send {@code /app/rooms.{roomId}.heartbeat}
 * @param missedHeartbeats  how many intervals without a heartbeat make a heartbeating client absent
 * @param disconnectGrace   how long a user whose last session in a room closed has to come back before
 *                          they leave it
 * @param sweepInterval     how often both rules are checked (how late a leave may be, at most)
 * @param leaveAttempts     how often a leave that got no answer is sent (same idempotency key) before the
 *                          gateway gives up on it
 * @param claimTtl          how long this instance's note in Redis that it holds a user in a room lives
 *                          unrefreshed; it is refreshed at half that age
 * @param keyPrefix         prefix of the Redis keys of those notes ({@code <prefix>:presence:{roomId}})
 */
@Validated
@ConfigurationProperties("watch-together.gateway.presence")
public record PresenceProperties(
        @DefaultValue("10s") @NotNull Duration heartbeatInterval,
        @DefaultValue("3") @Min(1) int missedHeartbeats,
        @DefaultValue("15s") @NotNull Duration disconnectGrace,
        @DefaultValue("1s") @NotNull Duration sweepInterval,
        @DefaultValue("3") @Min(1) int leaveAttempts,
        @DefaultValue("30s") @NotNull Duration claimTtl,
        @DefaultValue("wt") @NotBlank String keyPrefix) {

    /** Silence after which a client that sends heartbeats is taken to be gone. */
    public Duration heartbeatTimeout() {
        return heartbeatInterval.multipliedBy(missedHeartbeats);
    }

    @AssertTrue(message = "durations must be positive, and claim-ttl more than twice sweep-interval")
    public boolean isTimingConsistent() {
        return heartbeatInterval != null && disconnectGrace != null && sweepInterval != null && claimTtl != null
                && positive(heartbeatInterval) && !disconnectGrace.isNegative() && positive(sweepInterval)
                && claimTtl.compareTo(sweepInterval.multipliedBy(2)) > 0;
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
