package io.watchtogether.command.rooms;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The tunable room rules.
 *
 * @param maxParticipants   how many people one room holds (the guide's 10)
 * @param positionTolerance how far the admin's reported position may depart from the expected one before
 *                          the room is corrected (the guide's {@code updateTime} arrives several times a second)
 */
@Validated
@ConfigurationProperties("watch-together.rooms")
public record RoomRules(
        @Min(1) @Max(1000) Integer maxParticipants,
        @NotNull Duration positionTolerance) {

    public RoomRules {
        maxParticipants = maxParticipants == null ? 10 : maxParticipants;
        positionTolerance = positionTolerance == null ? Duration.ofSeconds(1) : positionTolerance;
    }

    public static RoomRules defaults() {
        return new RoomRules(null, null);
    }
}
