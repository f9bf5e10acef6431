package io.watchtogether.readmodel;

import io.watchtogether.events.EventEnvelope;

import java.util.HashMap;
import java.util.Map;

/**
 * Events counted per minute and event type in memory, to be added to a generation in one go
 * ({@link RoomReadModel#addEventCounts}): what a rebuild does instead of one counter update per event.
 * Only minutes still inside the statistics window are kept, so this stays small however long the log is.
 * Not thread-safe.
 */
public final class EventCounts {

    private final Map<Long, Map<String, Long>> byMinute = new HashMap<>();

    /** Counts the event unless its minute has already left every statistics window. */
    public void add(EventEnvelope event) {
        long minute = RoomReadModel.epochMinute(event);
        if (RoomReadModel.minuteStillCounted(minute)) {
            byMinute.computeIfAbsent(minute, m -> new HashMap<>()).merge(RoomReadModel.eventName(event), 1L, Long::sum);
        }
    }

    boolean isEmpty() {
        return byMinute.isEmpty();
    }

    Map<Long, Map<String, Long>> byMinute() {
        return byMinute;
    }

    void clear() {
        byMinute.clear();
    }
}
