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
 */
@Validated
@ConfigurationProperties("watch-together.rooms")
public record RoomRules(
        @Min(1) @Max(1000) Integer maxParticipants,
        @NotNull Duration positionTolerance,
        @NotNull Duration inactivityTimeout) {

    @ConstructorBinding
    public RoomRules {
        maxParticipants = maxParticipants == null ? 10 : maxParticipants;
        positionTolerance = positionTolerance == null ? Duration.ofSeconds(1) : positionTolerance;
        inactivityTimeout = inactivityTimeout == null ? Duration.ofHours(24) : inactivityTimeout;
    }

    /** The rules with the default inactivity timeout. */
    public RoomRules(Integer maxParticipants, Duration positionTolerance) {
        this(maxParticipants, positionTolerance, null);
    }

    public static RoomRules defaults() {
        return new RoomRules(null, null, null);
    }
}
