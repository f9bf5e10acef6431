package io.watchtogether.readmodel;

import java.util.Map;

/**
 * Figures for the guide's {@code GET /auth/watch-together/stats}.
 *
 * @param activeRooms          open rooms
 * @param participants         participants present in open rooms
 * @param eventsLastHour       events whose time falls in the last hour (minute resolution)
 * @param eventsLastHourByType the same by event record name ({@code PlaybackStarted}, ...), only types that occurred
 */
public record RoomStats(long activeRooms, long participants, long eventsLastHour, Map<String, Long> eventsLastHourByType) {

    public RoomStats {
        eventsLastHourByType = Map.copyOf(eventsLastHourByType);
    }
}
