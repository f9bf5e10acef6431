package io.watchtogether.gateway.fanout;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.client.ClientMessages;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.gateway.membership.RoomMembership;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Pushes every room event to {@code /topic/rooms.{roomId}} for the sessions this instance holds, in log order.
 *
 * <p>Every instance reads every partition of {@code room.events} itself, by manual assignment from the end
 * (read_committed, so only events of committed processor transactions): no consumer group, so no rebalances,
 * and instances scale out without knowing of each other. A client that was away asks for a fresh state
 * ({@code sync}) rather than replaying, so nothing before startup is needed.
 *
 * <p>One thread does it all: deserialize, update the membership view, publish. Publishing is a hand-off to
 * the session's outbound queue, so a slow client does not hold up the others. An unreadable record is logged
 * and skipped; a broken connection is retried; only stopping ends the loop.
 */
@Component
public class RoomEventFanOut implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomEventFanOut.class);

    private final Map<String, Object> consumerConfig;
    private final FanOutProperties properties;
    private final RoomMembership membership;
    private final ClientMessageSender sender;
    private final Deserializer<EventEnvelope> events = new EventEnvelopeSerde.EventDeserializer();

    private volatile boolean running;
    private volatile boolean positioned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    public RoomEventFanOut(KafkaConnectionDetails kafka, FanOutProperties properties, RoomMembership membership,
                           ClientMessageSender sender) {
        this.properties = properties;
        this.membership = membership;
        this.sender = sender;
        this.consumerConfig = consumerConfig(kafka, properties);
    }

    /** Whether the reader is at the end of every partition, so any event appended from now on is pushed. */
    public boolean isPositioned() {
        return positioned;
    }

    @Override
    public void start() {
        running = true;
        reader = new Thread(this::readLoop, "room-event-fan-out");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            reader.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void readLoop() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                if (!running) {
                    return;
                }
                assignFromEnd(kafka);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(properties.pollTimeout())) {
                        push(record);
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    log.warn("Room event reader woken unexpectedly; restarting it");
                }
            } catch (RuntimeException e) {
                positioned = false;
                log.error("Room event reader failed; restarting it from the end of the log", e);
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private void assignFromEnd(KafkaConsumer<String, byte[]> kafka) {
        String topic = properties.eventsTopic();
        List<PartitionInfo> partitions = kafka.partitionsFor(topic);
        while (running && (partitions == null || partitions.isEmpty())) {
            log.info("Waiting for topic {} to exist", topic);
            pause();
            partitions = kafka.partitionsFor(topic);
        }
        List<TopicPartition> assignment = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        kafka.assign(assignment);
        kafka.seekToEnd(assignment);
        // Resolve the lazy seek now, so every event appended after this point is pushed.
        assignment.forEach(kafka::position);
        positioned = true;
        log.info("Pushing room events from {} partitions of {}", assignment.size(), topic);
    }

    private void push(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = events.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (envelope == null) {
            return;
        }
        try {
            Set<String> audience = membership.apply(envelope);
            sender.toRoom(envelope.roomId(), ClientMessages.event(envelope, System.currentTimeMillis()), audience);
        } catch (RuntimeException e) {
            log.error("Could not push event {} (room {} version {})", envelope.id(), envelope.roomId(),
                    envelope.version(), e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Map<String, Object> consumerConfig(KafkaConnectionDetails kafka, FanOutProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG,
                properties.clientIdPrefix() + "-events-" + UUID.randomUUID().toString().substring(0, 8));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, properties.fetchMaxWaitMs());
        return config;
    }
}
