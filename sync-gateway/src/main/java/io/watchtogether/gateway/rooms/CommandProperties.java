package io.watchtogether.gateway.rooms;

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
 * How client commands reach the room processor.
 *
 * @param commandsTopic  where commands go
 * @param resultsTopic   where their results come from
 * @param timeout        how long a SEND waits for its result before the client is told it timed out
 * @param lingerMs       producer linger; 0 sends each command at once (latency over batching)
 * @param fetchMaxWaitMs longest the broker holds an empty result fetch
 * @param clientIdPrefix names this instance's Kafka clients (a random suffix keeps instances apart)
 */
@Validated
@ConfigurationProperties("watch-together.gateway.commands")
public record CommandProperties(
        @DefaultValue(Topics.COMMANDS) @NotBlank String commandsTopic,
        @DefaultValue(Topics.COMMAND_RESULTS) @NotBlank String resultsTopic,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("0") @Min(0) @Max(1000) int lingerMs,
        @DefaultValue("100") @Min(1) @Max(5000) int fetchMaxWaitMs,
        @DefaultValue("sync-gateway") @NotBlank String clientIdPrefix) {
}
