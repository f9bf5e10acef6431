package io.watchtogether.command.processor;

import io.watchtogether.command.rooms.RoomDecider;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.events.kafka.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.function.LongSupplier;

/**
 * The room processor's topology: commands in; events and results out; room states, recent idempotency keys
 * and quiet activity in changelogged stores.
 */
public final class RoomProcessorTopology {

    private RoomProcessorTopology() {
    }

    public static Topology build(TopicSettings topics, ProcessorSettings settings, RoomDecider decider,
                                 LongSupplier clock) {
        Topology topology = new Topology();
        topology.addSource("room-commands", Serdes.String().deserializer(), JsonSerde.commands().deserializer(),
                topics.commands());
        topology.addProcessor("room-processor", () -> new RoomCommandProcessor(decider, settings.source(), clock,
                        settings.idempotencyKeysPerRoom(), settings.inactivityCheckInterval()),
                "room-commands");
        // In memory, backed by changelog topics: a restarted or moved task restores its rooms from Kafka.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RoomCommandProcessor.STORE), Serdes.String(), JsonSerde.states()),
                "room-processor");
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RoomCommandProcessor.KEYS_STORE), Serdes.String(), RecentCommands.serde()),
                "room-processor");
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RoomCommandProcessor.QUIET_ACTIVITY_STORE), Serdes.String(), Serdes.Long()),
                "room-processor");
        topology.addSink(RoomCommandProcessor.EVENTS_SINK, topics.events(), Serdes.String().serializer(),
                anyValue(new EventEnvelopeSerde().serializer()), "room-processor");
        topology.addSink(RoomCommandProcessor.RESULTS_SINK, topics.commandResults(), Serdes.String().serializer(),
                anyValue(JsonSerde.results().serializer()), "room-processor");
        return topology;
    }

    /** The processor forwards both events and results as {@code Object}; each sink only ever gets its own type. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> anyValue(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
