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
 */
public record CommandClientSettings(
        String bootstrapServers,
        String clientId,
        String commandsTopic,
        String resultsTopic,
        Duration timeout,
        int lingerMs,
        int fetchMaxWaitMs) {
}
