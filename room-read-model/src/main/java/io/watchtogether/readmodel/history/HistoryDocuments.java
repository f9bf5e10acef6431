package io.watchtogether.readmodel.history;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomJson;
import io.watchtogether.events.client.ClientMessages;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * The shape of one event in the history collection: written by room-projector, read by {@link RoomHistoryReader}.
 * Kept beside the reader so the two cannot drift.
 */
public final class HistoryDocuments {

    private HistoryDocuments() {
    }

    /** The document recorded for an event. */
    public static Document of(EventEnvelope event) {
        Document payload = Document.parse(new String(RoomJson.writeEvent(event.event()), StandardCharsets.UTF_8));
        Document document = new Document()
                .append("eventId", event.id())
                .append("roomId", event.roomId())
                .append("version", event.version())
                .append("type", event.type())
                .append("shortType", ClientMessages.typeOf(event.event()))
                .append("time", new Date(event.time()))
                .append("correlationId", event.correlationId())
                .append("source", event.source());
        Object userId = payload.get("userId");
        if (userId != null) {
            document.append("userId", userId);
        }
        return document.append("payload", payload);
    }
}
