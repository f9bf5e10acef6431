package io.watchtogether.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The CloudEvents 1.0 Kafka protocol binding, binary content mode: the event data is the record value and
 * its attributes are {@code ce_}-prefixed headers. Two extension attributes carry what consumers of a room
 * log need: {@code ce_roomversion} (the room's version after the event) and {@code ce_correlationid}
 * (the command that caused it).
 *
 * @see <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md">Kafka protocol binding</a>
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String ROOM_VERSION = "ce_roomversion";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    /** Writes the envelope's attributes into {@code headers}, replacing any earlier ones. */
    public static void write(EventEnvelope envelope, Headers headers) {
        set(headers, SPEC_VERSION, "1.0");
        set(headers, ID, envelope.id());
        set(headers, SOURCE, envelope.source());
        set(headers, TYPE, envelope.type());
        set(headers, SUBJECT, envelope.roomId());
        set(headers, TIME, Instant.ofEpochMilli(envelope.time()).toString());
        set(headers, ROOM_VERSION, Long.toString(envelope.version()));
        if (envelope.correlationId() != null) {
            set(headers, CORRELATION_ID, envelope.correlationId());
        }
        set(headers, CONTENT_TYPE, "application/json");
    }

    /**
     * Reads an envelope from a record's headers and value.
     *
     * @throws IllegalArgumentException when a required attribute is missing or the payload does not fit its type
     */
    public static EventEnvelope read(Headers headers, byte[] value) {
        String type = required(headers, TYPE);
        return new EventEnvelope(
                required(headers, ID),
                required(headers, SUBJECT),
                Long.parseLong(required(headers, ROOM_VERSION)),
                Instant.parse(required(headers, TIME)).toEpochMilli(),
                get(headers, CORRELATION_ID),
                required(headers, SOURCE),
                RoomJson.readEvent(type, value));
    }

    private static void set(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String key) {
        String value = get(headers, key);
        if (value == null) {
            throw new IllegalArgumentException("Event record lacks header " + key);
        }
        return value;
    }
}
