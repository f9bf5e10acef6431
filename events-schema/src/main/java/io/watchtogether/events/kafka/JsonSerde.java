package io.watchtogether.events.kafka;

import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.RoomJson;
import io.watchtogether.events.RoomState;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.function.Function;

/** Kafka serdes for the JSON records of this system (commands, results, room states). */
public final class JsonSerde<T> implements Serde<T> {

    private final Function<T, byte[]> writer;
    private final Function<byte[], T> reader;

    private JsonSerde(Function<T, byte[]> writer, Function<byte[], T> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    public static JsonSerde<CommandEnvelope> commands() {
        return new JsonSerde<>(RoomJson::writeCommand, RoomJson::readCommand);
    }

    public static JsonSerde<CommandResult> results() {
        return new JsonSerde<>(RoomJson::write, bytes -> RoomJson.read(bytes, CommandResult.class));
    }

    public static JsonSerde<RoomState> states() {
        return new JsonSerde<>(RoomJson::write, bytes -> RoomJson.read(bytes, RoomState.class));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : writer.apply(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> data == null ? null : reader.apply(data);
    }
}
