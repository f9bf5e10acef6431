package io.watchtogether.gateway.membership;

import io.watchtogether.readmodel.RoomReadModel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param subscribeWait how long a SUBSCRIBE to a room by a user who is not (yet) seen as a participant waits
 *                      for the membership to show up before it is refused: a join accepted through
 *                      command-api reaches this instance and Redis a few milliseconds later
 * @param readModelKeyPrefix the Redis key prefix room-projector writes the read model under
 */
@Validated
@ConfigurationProperties("watch-together.gateway.membership")
public record MembershipProperties(
        @DefaultValue("2s") @NotNull Duration subscribeWait,
        @DefaultValue(RoomReadModel.DEFAULT_KEY_PREFIX) @NotBlank String readModelKeyPrefix) {
}
