package io.watchtogether.gateway.presence;

import io.watchtogether.gateway.connect.ConnectedSessions;
import io.watchtogether.gateway.connect.ConnectedUser;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is in which room through this instance's sessions, and who has stopped being.
 *
 * <p>Presence is per user and room: a user is present while at least one of their sessions here has
 * subscribed to the room, joined it or sent a heartbeat for it, and is still alive. A session that never sent
 * a heartbeat is alive while it is open; one that did is alive while its last heartbeat is younger than
 * {@link PresenceProperties#heartbeatTimeout()}. So a user becomes absent in two ways, each with the reason
 * its leave carries:
 * <ul>
 *   <li>{@value #HEARTBEAT_TIMEOUT}: they still have sessions here, but every one of them sent heartbeats and
 *       went silent;</li>
 *   <li>{@value #DISCONNECTED}: their last session here closed and none came back within the grace period.
 *       Any sign of life in between (another session subscribing, joining or sending a heartbeat) ends the
 *       absence silently, so a quick reconnect causes no leave and no join.</li>
 * </ul>
 * This class only keeps the state; {@link PresenceSweep} reviews it and sends the leaves. All methods are
 * short and synchronized: the map is touched by inbound frames, the disconnect listener and the sweep.
 */
@Component
public class RoomPresence {

    static final String HEARTBEAT_TIMEOUT = "heartbeat_timeout";
    static final String DISCONNECTED = "disconnected";

    /** A session that has not sent a heartbeat for the room (clock values are always later). */
    private static final long NO_HEARTBEAT = 0;

    record Key(String userId, String roomId) {
    }

    /**
     * A user this instance stopped hearing from in a room, due a leave.
     *
     * @param idempotencyKey the same for every attempt at this absence's leave
     * @param signsOfLife    the entry's count of signs of life when the absence was found; a later one means
     *                       the user came back, whatever became of the leave
     */
    record Absence(ConnectedUser user, String roomId, String reason, String idempotencyKey, long signsOfLife) {
        Key key() {
            return new Key(user.userId(), roomId);
        }
    }

    /** What one review found: leaves to send, and which notes in Redis to write or remove. */
    record Review(List<Absence> absences, List<Key> toClaim, long claimUntil, List<Key> toRelease) {
    }

    /** What became of an attempt at an absence's leave. */
    enum Outcome {
        /** Recorded in the log, or not needed (not a participant any more): nothing more to do. */
        DONE,
        /** No answer or refused for now (timeout, unavailable, rate limit): try again, a bounded number of times. */
        FAILED,
        /** Another instance still holds the user in the room: look again at the next review. */
        DEFERRED
    }

    private static final class Entry {
        ConnectedUser user;
        /** Session id to its last heartbeat for this room, or {@link #NO_HEARTBEAT}. */
        final Map<String, Long> sessions = new HashMap<>();
        /** When the last session went; meaningful only while there is none. */
        long emptySince;
        /** The current absence is over (leave recorded or not needed): nothing to do until a sign of life. */
        boolean settled;
        boolean leaving;
        String idempotencyKey;
        int failures;
        long signsOfLife;
        /** Until when this instance's note in Redis says it holds the user here; 0 when there is none. */
        long claimedUntil;

        Entry(ConnectedUser user) {
            this.user = user;
        }
    }

    private final ConnectedSessions openSessions;
    private final long heartbeatTimeoutMillis;
    private final long graceMillis;
    private final long claimTtlMillis;
    private final int leaveAttempts;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Map<String, Set<Key>> roomsOfSession = new HashMap<>();
    /** Notes to remove from Redis for entries already dropped. */
    private final List<Key> releasedClaims = new ArrayList<>();

    public RoomPresence(ConnectedSessions openSessions, PresenceProperties properties) {
        this.openSessions = openSessions;
        this.heartbeatTimeoutMillis = properties.heartbeatTimeout().toMillis();
        this.graceMillis = properties.disconnectGrace().toMillis();
        this.claimTtlMillis = properties.claimTtl().toMillis();
        this.leaveAttempts = properties.leaveAttempts();
    }

    /** The session subscribed to the room's topic or sent a join for it. */
    public synchronized void hold(String sessionId, ConnectedUser user, String roomId) {
        Entry entry = signOfLife(sessionId, user, roomId);
        if (entry != null) {
            entry.sessions.putIfAbsent(sessionId, NO_HEARTBEAT);
        }
    }

    /** The session sent a heartbeat for the room. */
    public synchronized void beat(String sessionId, ConnectedUser user, String roomId, long now) {
        Entry entry = signOfLife(sessionId, user, roomId);
        if (entry != null) {
            entry.sessions.put(sessionId, now);
        }
    }

    /** The session asked to leave the room itself: it no longer keeps the user there, and needs no grace. */
    public synchronized void release(String sessionId, String roomId) {
        Set<Key> keys = roomsOfSession.get(sessionId);
        if (keys == null) {
            return;
        }
        for (Iterator<Key> it = keys.iterator(); it.hasNext(); ) {
            Key key = it.next();
            if (key.roomId().equals(roomId)) {
                it.remove();
                Entry entry = entries.get(key);
                entry.sessions.remove(sessionId);
                if (entry.sessions.isEmpty()) {
                    entry.settled = true;
                    if (!entry.leaving) {
                        drop(key, entry);
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            roomsOfSession.remove(sessionId);
        }
    }

    /** The latest heartbeat of a user in a room over their open sessions here. */
    public synchronized Optional<Long> lastSeenOf(String userId, String roomId) {
        Entry entry = entries.get(new Key(userId, roomId));
        return entry == null ? Optional.empty()
                : entry.sessions.values().stream().filter(at -> at != NO_HEARTBEAT).max(Long::compare);
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        closed(event.getSessionId(), System.currentTimeMillis());
    }

    /** Spring may report a closed session more than once; only the first report changes anything. */
    synchronized void closed(String sessionId, long now) {
        Set<Key> keys = roomsOfSession.remove(sessionId);
        if (keys == null) {
            return;
        }
        for (Key key : keys) {
            Entry entry = entries.get(key);
            entry.sessions.remove(sessionId);
            if (entry.sessions.isEmpty()) {
                entry.emptySince = now;
                if (entry.settled && !entry.leaving) {
                    drop(key, entry);
                }
            }
        }
    }

    /**
     * Looks at every user and room: who is present (their note in Redis is refreshed when half its life is
     * gone), who is not (their note is removed), and who is newly due a leave (marked as leaving until
     * {@link #settle}).
     */
    synchronized Review review(long now) {
        pruneClosedSessions(now);
        List<Absence> absences = new ArrayList<>();
        List<Key> toClaim = new ArrayList<>();
        List<Key> toRelease = new ArrayList<>(releasedClaims);
        releasedClaims.clear();
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> mapping = it.next();
            Key key = mapping.getKey();
            Entry entry = mapping.getValue();
            if (isPresent(entry, now)) {
                if (now >= entry.claimedUntil - claimTtlMillis / 2) {
                    entry.claimedUntil = now + claimTtlMillis;
                    toClaim.add(key);
                }
                continue;
            }
            if (entry.claimedUntil > 0) {
                entry.claimedUntil = 0;
                toRelease.add(key);
            }
            if (entry.settled || entry.leaving) {
                if (entry.sessions.isEmpty() && !entry.leaving) {
                    it.remove();
                }
                continue;
            }
            String reason = entry.sessions.isEmpty()
                    ? (now - entry.emptySince >= graceMillis ? DISCONNECTED : null)
                    : HEARTBEAT_TIMEOUT;
            if (reason != null) {
                entry.leaving = true;
                if (entry.idempotencyKey == null) {
                    entry.idempotencyKey = "presence-" + UUID.randomUUID();
                }
                absences.add(new Absence(entry.user, key.roomId(), reason, entry.idempotencyKey, entry.signsOfLife));
            }
        }
        return new Review(absences, toClaim, now + claimTtlMillis, toRelease);
    }

    /**
     * Takes in what became of an absence's leave.
     *
     * @return whether the absence is over; false when its leave is to be tried again
     */
    synchronized boolean settle(Absence absence, Outcome outcome) {
        Key key = absence.key();
        Entry entry = entries.get(key);
        if (entry == null) {
            return true;
        }
        entry.leaving = false;
        if (entry.signsOfLife != absence.signsOfLife()) {
            // The user came back while the leave was under way: their presence starts afresh.
            return true;
        }
        if (outcome == Outcome.DEFERRED || (outcome == Outcome.FAILED && ++entry.failures < leaveAttempts)) {
            return false;
        }
        entry.settled = true;
        entry.idempotencyKey = null;
        entry.failures = 0;
        if (entry.sessions.isEmpty()) {
            drop(key, entry);
        }
        return true;
    }

    private Entry signOfLife(String sessionId, ConnectedUser user, String roomId) {
        if (!openSessions.isOpen(sessionId)) {
            // A frame handled after its session closed must not bring it back to life.
            return null;
        }
        Key key = new Key(user.userId(), roomId);
        Entry entry = entries.computeIfAbsent(key, k -> new Entry(user));
        entry.user = user;
        entry.signsOfLife++;
        entry.settled = false;
        entry.idempotencyKey = null;
        entry.failures = 0;
        roomsOfSession.computeIfAbsent(sessionId, id -> new HashSet<>()).add(key);
        return entry;
    }

    /** A safety net for a close this class was not told about: the session counts as closed from now. */
    private void pruneClosedSessions(long now) {
        List<String> closed = roomsOfSession.keySet().stream().filter(id -> !openSessions.isOpen(id)).toList();
        closed.forEach(sessionId -> closed(sessionId, now));
    }

    private boolean isPresent(Entry entry, long now) {
        return !entry.settled && entry.sessions.values().stream()
                .anyMatch(at -> at == NO_HEARTBEAT || now - at < heartbeatTimeoutMillis);
    }

    private void drop(Key key, Entry entry) {
        entries.remove(key);
        if (entry.claimedUntil > 0) {
            releasedClaims.add(key);
        }
    }
}
