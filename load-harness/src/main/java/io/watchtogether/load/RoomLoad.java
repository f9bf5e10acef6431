package io.watchtogether.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One room under load: the actions its controller sent, in order, each with the {@link System#nanoTime()} it
 * was sent at. Actions cycle play, seek, pause, seek, so each one changes the state (play on a paused room,
 * pause on a playing one) and becomes exactly one {@code playback_updated}; every seek goes to a position no
 * other action of the room uses, so receivers can tell them apart.
 */
final class RoomLoad {

    private static final String[] CYCLE = {"play", "seek", "pause", "seek"};

    record Sent(String type, double currentTime, long sendNanos) {
    }

    final String roomId;
    final int index;
    private final List<Sent> sent = new ArrayList<>();

    RoomLoad(String roomId, int index) {
        this.roomId = roomId;
        this.index = index;
    }

    /** Records the next action as sent now and returns its STOMP body. */
    synchronized Map<String, Object> next() {
        int k = sent.size();
        String type = CYCLE[k % CYCLE.length];
        double currentTime = "seek".equals(type) ? k + 1 : Double.NaN;
        sent.add(new Sent(type, currentTime, System.nanoTime()));
        return "seek".equals(type)
                ? Map.of("action", Map.of("type", type, "data", Map.of("currentTime", currentTime)))
                : Map.of("action", Map.of("type", type));
    }

    synchronized int sentCount() {
        return sent.size();
    }

    /**
     * The first action at or after {@code from} that an event with this action type (and, for a seek, position)
     * reports, or -1.
     */
    synchronized int match(int from, String type, double currentTime) {
        for (int k = from; k < sent.size(); k++) {
            Sent action = sent.get(k);
            if (action.type().equals(type) && (!"seek".equals(type) || action.currentTime() == currentTime)) {
                return k;
            }
        }
        return -1;
    }

    synchronized long sendNanos(int k) {
        return sent.get(k).sendNanos();
    }
}
