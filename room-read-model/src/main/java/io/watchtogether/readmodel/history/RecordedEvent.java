package io.watchtogether.readmodel.history;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomJson;

import java.util.Map;

/**
 * One event of a room as room-projector recorded it in the history collection.
 *
 * @param eventId       the event's id ({@code ce_id})
 * @param roomId        the room
 * @param version       the room's version after the event
 * @param type          the CloudEvents type, e.g. {@code io.watchtogether.room.ParticipantJoined.v1}
 * @param clientType    the integration guide's name for it, e.g. {@code user_joined}
 * @param time          when it was decided (epoch ms)
 * @param correlationId the command that caused it, if known
 * @param source        the component that wrote it
 * @param userId        the user the event is about, when it names one (for a kick: the kicked user)
 * @param payload       the event record as JSON fields
 */
public record RecordedEvent(
        String eventId,
        String roomId,
        long version,
        String type,
        String clientType,
        long time,
        String correlationId,
        String source,
        String userId,
        Map<String, Object> payload) {

    /**
     * The event as it travelled on {@code room.events}, for rendering it as the live messages are.
     *
     * @throws IllegalArgumentException when the recorded type is unknown or the payload does not fit it
     */
    public EventEnvelope envelope() {
        byte[] json = RoomJson.mapper().writeValueAsBytes(payload);
        return new EventEnvelope(eventId, roomId, version, time, correlationId, source, RoomJson.readEvent(type, json));
    }
}
