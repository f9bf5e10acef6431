package io.watchtogether.events;

import java.util.Objects;

/**
 * One event of a room's log with its metadata. On Kafka it travels in CloudEvents binary mode: the
 * event is the record value (JSON) and the metadata are {@code ce_*} headers (see {@link CloudEventHeaders}).
 *
 * @param id            unique event id ({@code ce_id})
 * @param roomId        the room ({@code ce_subject} and the record key)
 * @param version       the room's version after this event: 1, 2, 3, ... per room, without gaps
 * @param time          server time (epoch ms) the event was decided ({@code ce_time})
 * @param correlationId the command that caused it
 * @param source        the component that wrote it ({@code ce_source})
 * @param event         the event itself
 */
public record EventEnvelope(
        String id,
        String roomId,
        long version,
        long time,
        String correlationId,
        String source,
        RoomEvent event) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(event, "event");
    }

    /** The CloudEvents type of the event, e.g. {@code io.watchtogether.room.ParticipantJoined.v1}. */
    public String type() {
        return EventTypes.typeOf(event);
    }
}
