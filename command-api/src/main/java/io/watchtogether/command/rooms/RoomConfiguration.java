package io.watchtogether.command.rooms;

import io.watchtogether.command.processor.ProcessorSettings;
import io.watchtogether.command.processor.RoomProcessor;
import io.watchtogether.command.processor.TopicSettings;
import io.watchtogether.commands.CommandClient;
import io.watchtogether.commands.CommandClientSettings;
import io.watchtogether.readmodel.RoomReadModel;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.TopicBuilder;

import java.time.Duration;
import java.util.UUID;

/** The command path (topics, processor, client) and the read model behind the room routes. */
@Configuration(proxyBeanMethods = false)
public class RoomConfiguration {

    /**
     * @param commandTimeout how long a request waits for the room processor's answer
     * @param readModelPrefix the Redis key prefix of the read model (the projector's)
     * @param commandsPerSecond per-user sustained command rate before 429 (0: no limit)
     * @param commandBurst      per-user commands allowed at once
     */
    @ConfigurationProperties("watch-together.api")
    public record ApiSettings(Duration commandTimeout, String readModelPrefix, Double commandsPerSecond,
                              Integer commandBurst) {
        public ApiSettings {
            commandTimeout = commandTimeout == null ? Duration.ofSeconds(5) : commandTimeout;
            readModelPrefix = readModelPrefix == null ? RoomReadModel.DEFAULT_KEY_PREFIX : readModelPrefix;
            commandsPerSecond = commandsPerSecond == null
                    ? CommandClientSettings.DEFAULT_COMMANDS_PER_SECOND : commandsPerSecond;
            commandBurst = commandBurst == null ? CommandClientSettings.DEFAULT_COMMAND_BURST : commandBurst;
        }
    }

    @Bean
    public NewTopic roomCommandsTopic(TopicSettings topics) {
        return TopicBuilder.name(topics.commands()).partitions(topics.partitions())
                .replicas(topics.replicationFactor()).build();
    }

    /** The log of record: kept forever, since every view is rebuilt from it. */
    @Bean
    public NewTopic roomEventsTopic(TopicSettings topics) {
        return TopicBuilder.name(topics.events()).partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    /** Results only matter while a caller waits for them. */
    @Bean
    public NewTopic commandResultsTopic(TopicSettings topics) {
        return TopicBuilder.name(topics.commandResults()).partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))
                .build();
    }

    @Bean
    public RoomDecider roomDecider(RoomRules rules) {
        return new RoomDecider(rules);
    }

    @Bean
    public RoomProcessor roomProcessor(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                       TopicSettings topics, ProcessorSettings settings, RoomDecider decider) {
        return new RoomProcessor(bootstrapServers, topics, settings, decider);
    }

    @Bean(destroyMethod = "close")
    public CommandClient commandClient(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                       TopicSettings topics, ApiSettings api) {
        return new CommandClient(new CommandClientSettings(bootstrapServers,
                "command-api-" + UUID.randomUUID().toString().substring(0, 8), topics.commands(),
                topics.commandResults(), api.commandTimeout(), 0, 10, api.commandsPerSecond(), api.commandBurst()));
    }

    @Bean
    public RoomCommands roomCommands(CommandClient client) {
        return new RoomCommands(client);
    }

    @Bean
    public RoomReadModel roomReadModel(StringRedisTemplate redis, ApiSettings api) {
        return new RoomReadModel(redis, api.readModelPrefix());
    }
}
