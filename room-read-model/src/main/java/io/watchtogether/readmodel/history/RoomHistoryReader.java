package io.watchtogether.readmodel.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.watchtogether.events.EventTypes;
import io.watchtogether.events.RoomEvent;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Reads the audit history of rooms that room-projector appends to MongoDB (collection {@code room_history} by
 * default): one document per event, {@code {eventId, roomId, version, type, shortType, time, correlationId,
 * source, userId?, payload}}, unique by {@code (roomId, version)}.
 *
 * <p>The history outlives the Redis read model (closed rooms are dropped there, never here), so it answers who
 * ever took part in a room. Thread-safe; one instance per application.
 */
public final class RoomHistoryReader {

    public static final String DEFAULT_COLLECTION = "room_history";

    private static final String JOINED = EventTypes.typeOf(RoomEvent.ParticipantJoined.class);

    private final MongoCollection<Document> history;

    public RoomHistoryReader(MongoCollection<Document> history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    /** Whether any event of the room is recorded: false for a room that never existed. */
    public boolean exists(String roomId) {
        return history.find(ofRoom(roomId)).projection(Projections.include("_id")).limit(1).first() != null;
    }

    /**
     * Whether the user ever joined the room, whether still present, gone or kicked: the creator's own join
     * is recorded too.
     */
    public boolean wasParticipant(String roomId, String userId) {
        Bson joined = Filters.and(ofRoom(roomId), Filters.eq("type", JOINED), Filters.eq("userId", userId));
        return history.find(joined).projection(Projections.include("_id")).limit(1).first() != null;
    }

    /** How many events of the room are recorded. */
    public long count(String roomId) {
        return history.countDocuments(ofRoom(roomId));
    }

    /** One page of the room's events in version order; page 0 is the first. */
    public List<RecordedEvent> page(String roomId, int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1, got " + page + " and " + size);
        }
        return read(ofRoom(roomId), (long) page * size, size);
    }

    /** Up to {@code limit} events of the room from {@code fromVersion} on, in version order. */
    public List<RecordedEvent> from(String roomId, long fromVersion, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return read(Filters.and(ofRoom(roomId), Filters.gte("version", fromVersion)), 0, limit);
    }

    private List<RecordedEvent> read(Bson filter, long skip, int limit) {
        if (skip > Integer.MAX_VALUE) {
            return List.of();
        }
        List<RecordedEvent> events = new ArrayList<>(Math.min(limit, 256));
        for (Document document : history.find(filter).sort(Sorts.ascending("version")).skip((int) skip).limit(limit)) {
            events.add(recorded(document));
        }
        return events;
    }

    private static Bson ofRoom(String roomId) {
        return Filters.eq("roomId", Objects.requireNonNull(roomId, "roomId"));
    }

    private static RecordedEvent recorded(Document document) {
        Date time = document.getDate("time");
        Document payload = document.get("payload", Document.class);
        return new RecordedEvent(
                document.getString("eventId"),
                document.getString("roomId"),
                ((Number) document.get("version")).longValue(),
                document.getString("type"),
                document.getString("shortType"),
                time == null ? 0 : time.getTime(),
                document.getString("correlationId"),
                document.getString("source"),
                document.getString("userId"),
                payload == null ? new Document() : payload);
    }
}
