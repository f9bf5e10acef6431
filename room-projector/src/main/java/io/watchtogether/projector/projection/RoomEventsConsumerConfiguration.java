package io.watchtogether.projector.projection;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.projector.ProjectorProperties;
import io.watchtogether.projector.rebuild.RebuildCommand;
import io.watchtogether.projector.rebuild.RebuildProperties;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.readmodel.VersionGapException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.HashMap;
import java.util.Map;

/**
 * Wires the consumer of {@code room.events}.
 *
 * <p>A Spring Kafka listener container rather than a hand-written poll loop: it already handles rebalances,
 * commits and retry with back-off while keeping the consumer in the group. The semantics that matter are
 * set here in code, not left to properties:
 * <ul>
 *   <li>{@code read_committed}: only events of committed transactions of the room processor;</li>
 *   <li>{@code earliest}: a new group projects the whole log;</li>
 *   <li>ack mode {@code RECORD}: an offset is committed only after its event is in Redis and MongoDB, so a
 *       crash replays events (harmless, both writes are idempotent) and never skips one;</li>
 *   <li>a failing event (a version gap, Redis or MongoDB down, an unreadable record) is retried with
 *       back-off for ever and logged at ERROR: skipping it would leave the read model wrong for good, so the
 *       partition stops until someone fixes the cause;</li>
 *   <li>no topic auto-creation: {@code command-api} creates {@code room.events} with its partition count;
 *       until then the consumer waits (the container does not treat a missing topic as fatal).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RoomEventsConsumerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoomEventsConsumerConfiguration.class);

    @Bean
    RoomReadModel roomReadModel(StringRedisTemplate redis, ProjectorProperties properties, RebuildProperties rebuild) {
        return new RoomReadModel(redis, properties.keyPrefix(), properties.closedRoomRetention(),
                rebuild.generationCache());
    }

    /** Absent when {@code watch-together.projector.listen=false}: what {@code --rebuild} runs with. */
    @Bean
    @ConditionalOnBooleanProperty(name = RebuildCommand.LISTEN_PROPERTY, matchIfMissing = true)
    ConcurrentMessageListenerContainer<String, EventEnvelope> roomEventsListenerContainer(
            ConsumerFactory<?, ?> bootConsumerFactory, ProjectorProperties properties, RoomEventProjector projector,
            RoomReadModel readModel) {
        // Start from Boot's consumer settings (bootstrap servers, security, client id) and pin what we rely on.
        Map<String, Object> config = new HashMap<>(bootConsumerFactory.getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        ConsumerFactory<String, EventEnvelope> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(new EventEnvelopeSerde.EventDeserializer()));

        ContainerProperties container = new ContainerProperties(properties.topic());
        container.setGroupId(properties.groupId());
        container.setAckMode(ContainerProperties.AckMode.RECORD);
        container.setMessageListener((MessageListener<String, EventEnvelope>) record -> {
            if (record.value() == null) {
                log.warn("Ignoring a record without value at {}-{}@{}", record.topic(), record.partition(), record.offset());
                return;
            }
            projector.project(record.value());
        });

        ConcurrentMessageListenerContainer<String, EventEnvelope> listener =
                new ConcurrentMessageListenerContainer<>(consumers, container);
        listener.setConcurrency(properties.concurrency());
        listener.setCommonErrorHandler(retryForever(properties, readModel));
        return listener;
    }

    private static DefaultErrorHandler retryForever(ProjectorProperties properties, RoomReadModel readModel) {
        // ExponentialBackOff's default max attempts and elapsed time are unbounded, so the recoverer (which
        // would log and skip the record) is never reached.
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        // Retry every failure, including an undeserializable record: a newer event type this build cannot read
        // must stop the partition until the projector is upgraded, not vanish from the read model.
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners((ConsumerRecord<?, ?> record, Exception failure, int attempt) -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            if (cause instanceof VersionGapException && rebuildRunning(readModel)) {
                // Right after a rebuild switches generations, the predecessor of an event may not be copied
                // into the new one yet: expected, and gone once the rebuild catches up (see ReadModelRebuild).
                log.warn("Projecting {} waits for the rebuild to catch up (attempt {}): {}", where, attempt,
                        cause.getMessage());
            } else if (attempt == 1) {
                log.error("Projecting {} failed; its offset is not committed and it will be retried: {}", where, cause.toString(), cause);
            } else {
                log.error("Projecting {} failed again (attempt {}), retrying: {}", where, attempt, cause.toString());
            }
        });
        return handler;
    }

    private static boolean rebuildRunning(RoomReadModel readModel) {
        try {
            return readModel.generations().rebuildOwner().isPresent();
        } catch (RuntimeException redisDown) {
            return false;
        }
    }
}
