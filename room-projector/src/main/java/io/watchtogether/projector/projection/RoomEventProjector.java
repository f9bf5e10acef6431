package io.watchtogether.projector.projection;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.projector.history.MongoRoomHistory;
import io.watchtogether.readmodel.ApplyOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects one event of {@code room.events} into both views: the Redis read model and the MongoDB history.
 *
 * <p>Delivery is at least once (the offset is committed only after this returns), so an event may come
 * again after a crash or a rebalance. Both steps are idempotent — Redis skips versions it holds, the history
 * skips event ids it holds — so a redelivery changes nothing, and a crash between the two steps is mended by
 * the redelivery. Redis goes first because it checks the version sequence: an event after a gap is refused
 * before it reaches the history.
 */
@Component
public class RoomEventProjector {

    private static final Logger log = LoggerFactory.getLogger(RoomEventProjector.class);

    private final RedisRoomProjection readModel;
    private final MongoRoomHistory history;

    public RoomEventProjector(RedisRoomProjection readModel, MongoRoomHistory history) {
        this.readModel = readModel;
        this.history = history;
    }

    public void project(EventEnvelope event) {
        ApplyOutcome outcome = readModel.project(event);
        boolean recorded = history.append(event);
        log.debug("Projected {} of room {} at version {}: read model {}, history {}", event.type(), event.roomId(),
                event.version(), outcome, recorded ? "appended" : "already held it");
    }
}
