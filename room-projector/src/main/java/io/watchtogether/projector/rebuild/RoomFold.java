package io.watchtogether.projector.rebuild;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomState;
import io.watchtogether.readmodel.EventCounts;
import io.watchtogether.readmodel.RoomReadModel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Folds replayed events into one generation of the read model, in two modes:
 * <ul>
 *   <li>{@link #fold}: before the switch nobody else writes the generation, so states are folded in memory and
 *       written in pipelined batches ({@link #flush}), without the per-event version check;</li>
 *   <li>{@link #follow}: after the switch the live projector writes the same keys, so every event goes through
 *       the read model's versioned apply, like the live projector's: whichever of the two comes second sees a
 *       duplicate.</li>
 * </ul>
 * Not thread-safe: one rebuild thread uses it.
 */
final class RoomFold {

    private final RoomReadModel into;
    private final int roomsPerBatch;
    private final Map<String, RoomState> pending = new HashMap<>();
    private final Set<String> written = new HashSet<>();
    private final EventCounts counts = new EventCounts();
    private final Map<String, RoomState> followed = new HashMap<>();

    RoomFold(RoomReadModel into, int roomsPerBatch) {
        this.into = into;
        this.roomsPerBatch = roomsPerBatch;
    }

    void fold(EventEnvelope event) {
        String roomId = event.roomId();
        RoomState before = pending.get(roomId);
        if (before == null) {
            // A room whose state went out in an earlier batch continues from what was written.
            before = written.contains(roomId)
                    ? into.find(roomId).orElseGet(() -> RoomState.initial(roomId))
                    : RoomState.initial(roomId);
        }
        if (event.version() <= before.version()) {
            return; // the live projector skips a repeated version too
        }
        pending.put(roomId, before.evolve(event)); // a gap in the log throws, as it stops the live projector
        counts.add(event);
        if (pending.size() >= roomsPerBatch) {
            flush();
        }
    }

    void flush() {
        if (!pending.isEmpty()) {
            into.writeStates(pending.values());
            written.addAll(pending.keySet());
            pending.clear();
        }
        into.addEventCounts(counts);
    }

    void follow(EventEnvelope event) {
        String roomId = event.roomId();
        RoomState before = followed.get(roomId);
        if (before == null || before.version() != event.version() - 1) {
            before = into.find(roomId).orElseGet(() -> RoomState.initial(roomId));
        }
        if (event.version() <= before.version()) {
            followed.put(roomId, before);
            return; // the live projector stored it first
        }
        RoomState after = before.evolve(event);
        into.apply(event, after);
        followed.put(roomId, after);
    }

    /** Rooms written so far. */
    long rooms() {
        return written.size();
    }
}
