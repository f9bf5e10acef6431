package io.watchtogether.command.rooms;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The tunable room rules.
 *
 * @param maxParticipants   how many people one room holds (the guide's 10)
 * @param positionTolerance how far the admin's reported position may depart from the expected one before
 *                          the room is corrected (the guide's {@code updateTime} arrives several times a second)
 * @param inactivityTimeout how long an open room may go without activity before the room processor closes it
 *                          (reason {@code inactive})
 * @param anchorLead        how far in the future (server time) play, pause, seek and rate changes take effect: their
 *                          {@code anchorTime} is the decision time plus this lead, so that the event reaches every
 *                          player before that instant and all of them act at the same moment instead of when the
 *                          message arrived. It must cover the fan-out delay (and, for a seek, the player's seek time)
 */
@Validated
@ConfigurationProperties("watch-together.rooms")
public record RoomRules(
        @Min(1) @Max(1000) Integer maxParticipants,
        @NotNull Duration positionTolerance,
        @NotNull Duration inactivityTimeout,
        @NotNull Duration anchorLead) {

    @ConstructorBinding
    public RoomRules {
        maxParticipants = maxParticipants == null ? 10 : maxParticipants;
        positionTolerance = positionTolerance == null ? Duration.ofSeconds(1) : positionTolerance;
        inactivityTimeout = inactivityTimeout == null ? Duration.ofHours(24) : inactivityTimeout;
        anchorLead = anchorLead == null ? Duration.ofMillis(250) : anchorLead;
        if (anchorLead.isNegative() || anchorLead.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("watch-together.rooms.anchor-lead must be between 0 and 5s, got " + anchorLead);
        }
    }

    /** The rules with the default inactivity timeout and anchor lead. */
    public RoomRules(Integer maxParticipants, Duration positionTolerance) {
        this(maxParticipants, positionTolerance, null, null);
    }

    public static RoomRules defaults() {
        return new RoomRules(null, null, null, null);
    }
}
