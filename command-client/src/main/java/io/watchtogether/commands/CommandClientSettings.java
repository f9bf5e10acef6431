package io.watchtogether.commands;

import java.time.Duration;

/**
 * What a {@link CommandClient} needs.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param clientId         names this instance in Kafka's logs and metrics
 * @param commandsTopic    where commands go
 * @param resultsTopic     where their results come from
 * @param timeout          how long a caller waits for a result
 * @param lingerMs         producer linger: 0 sends at once (lowest latency)
 * @param fetchMaxWaitMs   longest the broker holds a result fetch when there is nothing to return
 * @param commandsPerSecond per-user sustained command rate; more is refused as TOO_MANY_COMMANDS (0: no limit)
 * @param commandBurst      per-user commands allowed at once before the rate applies
 */
public record CommandClientSettings(
        String bootstrapServers,
        String clientId,
        String commandsTopic,
        String resultsTopic,
        Duration timeout,
        int lingerMs,
        int fetchMaxWaitMs,
        double commandsPerSecond,
        int commandBurst) {

    public static final double DEFAULT_COMMANDS_PER_SECOND = 20;
    public static final int DEFAULT_COMMAND_BURST = 40;

    /** Settings with the default per-user rate limit. */
    public CommandClientSettings(String bootstrapServers, String clientId, String commandsTopic, String resultsTopic,
                                 Duration timeout, int lingerMs, int fetchMaxWaitMs) {
        this(bootstrapServers, clientId, commandsTopic, resultsTopic, timeout, lingerMs, fetchMaxWaitMs,
                DEFAULT_COMMANDS_PER_SECOND, DEFAULT_COMMAND_BURST);
    }
}
