package io.watchtogether.gateway.fanout;

import io.watchtogether.events.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the gateway reads the room log.
 *
 * @param eventsTopic    the log of record
 * @param clientIdPrefix names this instance's consumer (a random suffix keeps instances apart); there is no
 *                       consumer group: every instance reads every partition from the end
 * @param pollTimeout    longest one poll waits; also how quickly the reader notices it should stop
 * @param fetchMaxWaitMs longest the broker holds an empty fetch
 * @param retryBackoff   pause after the reader failed (broker unreachable) before it tries again
 */
@Validated
@ConfigurationProperties("watch-together.gateway.fan-out")
public record FanOutProperties(
        @DefaultValue(Topics.EVENTS) @NotBlank String eventsTopic,
        @DefaultValue("sync-gateway") @NotBlank String clientIdPrefix,
        @DefaultValue("500ms") @NotNull Duration pollTimeout,
        @DefaultValue("100") @Min(1) @Max(5000) int fetchMaxWaitMs,
        @DefaultValue("1s") @NotNull Duration retryBackoff) {
}
