package io.watchtogether.projector.projection;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomState;
import io.watchtogether.projector.ProjectorProperties;
import io.watchtogether.readmodel.ApplyOutcome;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.readmodel.VersionGapException;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds each event into its room's state and stores the result in the Redis read model.
 *
 * <p>The state before the event comes from a small in-memory cache of the rooms this instance projected last,
 * or from Redis when the cache does not hold exactly the previous version (first sight of a room, a
 * rebalance that moved the room, a redelivery). Redis stays the judge: its script refuses anything but
 * the next version, so a stale cache can cost a re-read but never a wrong state.
 */
@Component
public class RedisRoomProjection {

    private final RoomReadModel readModel;
    private final Map<String, RoomState> recentStates;

    public RedisRoomProjection(RoomReadModel readModel, ProjectorProperties properties) {
        this.readModel = readModel;
        this.recentStates = Collections.synchronizedMap(new LeastRecentlyUsed(properties.stateCacheSize()));
    }

    /**
     * @return {@link ApplyOutcome#DUPLICATE} for an event Redis already holds
     * @throws VersionGapException when versions between the stored one and the event's are missing
     */
    public ApplyOutcome project(EventEnvelope event) {
        String roomId = event.roomId();
        try {
            RoomState before = recentStates.get(roomId);
            if (before == null || before.version() != event.version() - 1) {
                before = readModel.find(roomId).orElseGet(() -> RoomState.initial(roomId));
            }
            if (event.version() > before.version() + 1) {
                throw new VersionGapException(roomId, before.version(), event.version());
            }
            if (event.version() <= before.version()) {
                recentStates.put(roomId, before);
                if (event.version() == before.version()) {
                    // The last stored event again: the read model uses it to repair indexes that a crash
                    // between its script and its index updates may have left stale.
                    return readModel.apply(event, before);
                }
                return ApplyOutcome.DUPLICATE;
            }
            RoomState after = before.evolve(event);
            ApplyOutcome outcome = readModel.apply(event, after);
            if (outcome == ApplyOutcome.APPLIED) {
                recentStates.put(roomId, after);
            } else {
                recentStates.remove(roomId);
            }
            return outcome;
        } catch (RuntimeException e) {
            recentStates.remove(roomId);
            throw e;
        }
    }

    private static final class LeastRecentlyUsed extends LinkedHashMap<String, RoomState> {
        private final int capacity;

        LeastRecentlyUsed(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RoomState> eldest) {
            return size() > capacity;
        }
    }
}
