package io.watchtogether.projector.history;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.projector.ProjectorProperties;
import io.watchtogether.readmodel.history.HistoryDocuments;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The audit history of rooms in MongoDB: one document per event, append-only.
 *
 * <p>A unique index on {@code eventId} makes appending a redelivered event a no-op, and a unique index on
 * {@code (roomId, version)} makes it impossible to record two different events as the same version of a room.
 */
@Component
public class MongoRoomHistory {

    private final MongoTemplate mongo;
    private final String collection;
    // Created on first use rather than at startup, so the projector starts (and reports health) while Mongo is down.
    private volatile boolean indexesCreated;

    public MongoRoomHistory(MongoTemplate mongo, ProjectorProperties properties) {
        this.mongo = mongo;
        this.collection = properties.historyCollection();
    }

    /**
     * Records the event unless it is already recorded.
     *
     * @return whether it was new
     * @throws IllegalStateException when another event is already recorded at this room's version
     */
    public boolean append(EventEnvelope event) {
        createIndexesOnce();
        try {
            mongo.insert(HistoryDocuments.of(event), collection);
            return true;
        } catch (DuplicateKeyException e) {
            if (mongo.exists(Query.query(where("eventId").is(event.id())), collection)) {
                return false;
            }
            throw new IllegalStateException("History of room " + event.roomId() + " already holds another event at version "
                    + event.version() + "; refusing event " + event.id(), e);
        }
    }

    /** The recorded events of a room, in version order. */
    public List<Document> eventsOf(String roomId) {
        Query query = Query.query(where("roomId").is(roomId)).with(Sort.by("version"));
        return mongo.find(query, Document.class, collection);
    }

    private void createIndexesOnce() {
        if (!indexesCreated) {
            mongo.indexOps(collection).createIndex(new Index().on("eventId", Sort.Direction.ASC).unique());
            mongo.indexOps(collection).createIndex(
                    new Index().on("roomId", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
            indexesCreated = true;
        }
    }
}
