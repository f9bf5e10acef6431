package io.watchtogether.command.processor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The room processor (Kafka Streams).
 *
 * @param applicationId           the Streams application id; every command-api instance shares it, so the room
 *                                partitions are divided among them and each room has exactly one writer
 * @param commitInterval          how often a transaction commits under exactly-once; consumers reading
 *                                read_committed see events only after the commit, so this bounds added latency
 * @param stateDir                where Streams keeps local state; empty means a fresh temporary folder per start
 *                                (the room states are restored from their changelog topic)
 * @param source                  the {@code ce_source} written on every event
 * @param idempotencyKeysPerRoom  how many recent idempotency keys each room remembers (oldest forgotten first)
 * @param inactivityCheckInterval how often (wall clock) each processor task looks for idle rooms to close
 * @param pollTimeout             longest the processor's poll blocks (Streams {@code poll.ms}): a commit that is
 *                                due waits for the poll to return, so this bounds how late it can be when no
 *                                further command comes
 */
@Validated
@ConfigurationProperties("watch-together.processor")
public record ProcessorSettings(
        @NotBlank String applicationId,
        Duration commitInterval,
        String stateDir,
        @NotBlank String source,
        @Min(1) @Max(10_000) Integer idempotencyKeysPerRoom,
        Duration inactivityCheckInterval,
        Duration pollTimeout) {

    public ProcessorSettings {
        applicationId = applicationId == null ? "room-processor" : applicationId;
        commitInterval = commitInterval == null ? Duration.ofMillis(10) : commitInterval;
        source = source == null ? "/watch-together/room-processor" : source;
        idempotencyKeysPerRoom = idempotencyKeysPerRoom == null ? 100 : idempotencyKeysPerRoom;
        inactivityCheckInterval = inactivityCheckInterval == null ? Duration.ofMinutes(1) : inactivityCheckInterval;
        pollTimeout = pollTimeout == null ? Duration.ofMillis(100) : pollTimeout;
    }
}
