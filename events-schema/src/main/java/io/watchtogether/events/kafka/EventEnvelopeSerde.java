package io.watchtogether.events.kafka;

import io.watchtogether.events.CloudEventHeaders;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomJson;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for room events in CloudEvents binary mode: the value is the event's JSON, the envelope's
 * attributes are headers. Only the header-aware methods make sense; the plain ones fail loudly.
 */
public final class EventEnvelopeSerde implements Serde<EventEnvelope> {

    @Override
    public Serializer<EventEnvelope> serializer() {
        return new EventSerializer();
    }

    @Override
    public Deserializer<EventEnvelope> deserializer() {
        return new EventDeserializer();
    }

    public static final class EventSerializer implements Serializer<EventEnvelope> {
        @Override
        public byte[] serialize(String topic, EventEnvelope data) {
            throw new UnsupportedOperationException("Room events need record headers (CloudEvents binary mode)");
        }

        @Override
        public byte[] serialize(String topic, Headers headers, EventEnvelope data) {
            if (data == null) {
                return null;
            }
            CloudEventHeaders.write(data, headers);
            return RoomJson.writeEvent(data.event());
        }
    }

    public static final class EventDeserializer implements Deserializer<EventEnvelope> {
        @Override
        public EventEnvelope deserialize(String topic, byte[] data) {
            return deserialize(topic, new RecordHeaders(), data);
        }

        @Override
        public EventEnvelope deserialize(String topic, Headers headers, byte[] data) {
            return data == null ? null : CloudEventHeaders.read(headers, data);
        }
    }
}
