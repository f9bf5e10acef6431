package io.watchtogether.command.api;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Topics;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.infrastructure.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code room.events} as a read_committed consumer would: what the log of record holds. */
final class RoomEventsLog {

    private RoomEventsLog() {
    }

    /** End offsets of every partition: unchanged offsets mean nothing was appended. */
    static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, EventEnvelope> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            return consumer.endOffsets(partitions);
        }
    }

    /** Every committed event of one room, in log order. */
    static List<EventEnvelope> eventsOf(String roomId) {
        List<EventEnvelope> events = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, EventEnvelope> record : consumer.poll(Duration.ofMillis(200))) {
                    if (roomId.equals(record.key())) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, EventEnvelope> consumer) {
        return consumer.partitionsFor(Topics.EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
    }

    private static KafkaConsumer<String, EventEnvelope> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new EventEnvelopeSerde().deserializer());
    }
}
