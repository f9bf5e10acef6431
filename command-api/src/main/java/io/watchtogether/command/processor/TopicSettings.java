package io.watchtogether.command.processor;

import io.watchtogether.events.Topics;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The topics of the command path, created at startup if missing.
 *
 * @param commands          commands from the edges, keyed by room
 * @param events            the log of record, keyed by room
 * @param commandResults    one result per command
 * @param partitions        partitions of each topic (rooms spread over them; fixed once created)
 * @param replicationFactor replicas of each topic (1 for a single local broker)
 */
@Validated
@ConfigurationProperties("watch-together.topics")
public record TopicSettings(
        String commands,
        String events,
        String commandResults,
        @Min(1) Integer partitions,
        @Min(1) Short replicationFactor) {

    public TopicSettings {
        commands = commands == null ? Topics.COMMANDS : commands;
        events = events == null ? Topics.EVENTS : events;
        commandResults = commandResults == null ? Topics.COMMAND_RESULTS : commandResults;
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }
}
