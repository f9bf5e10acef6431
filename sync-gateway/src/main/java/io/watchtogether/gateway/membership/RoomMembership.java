package io.watchtogether.gateway.membership;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Who is in each room, as far as this instance has seen: fed by the fan-out (every membership event carries
 * the participants after it), by accepted command results and by read-model lookups. Every source carries
 * the room's version and only a newer one replaces what is known, so the sources can arrive in any order.
 *
 * <p>It exists because the Redis read model may lag the log by milliseconds: a user whose join was just
 * accepted must be able to subscribe at once. Closed rooms stay as empty entries so a stale lookup cannot
 * reopen them; that is a few dozen bytes per room this instance has seen.
 */
@Component
public class RoomMembership {

    /** The participants of a room at a version. */
    public record Members(long version, Set<String> userIds, boolean closed) {
        public boolean contains(String userId) {
            return userIds.contains(userId);
        }
    }

    private record Waiter(String userId, CompletableFuture<Boolean> result) {
    }

    private final Map<String, Members> rooms = new ConcurrentHashMap<>();
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

    public Optional<Members> members(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    /**
     * Takes in one event of the log.
     *
     * @return who may receive the event's message: the participants after it, plus the user a
     *         {@code user_left}/{@code user_kicked} is about (so they learn it); null when this instance does not
     *         know the room's participants (no filtering then)
     */
    public Set<String> apply(EventEnvelope envelope) {
        String roomId = envelope.roomId();
        long version = envelope.version();
        return envelope.event().accept(new RoomEvent.Visitor<Set<String>>() {
            @Override
            public Set<String> roomCreated(RoomEvent.RoomCreated e) {
                return observe(roomId, version, List.of(), false).userIds();
            }

            @Override
            public Set<String> participantJoined(RoomEvent.ParticipantJoined e) {
                return observe(roomId, version, e.participants(), false).userIds();
            }

            @Override
            public Set<String> participantLeft(RoomEvent.ParticipantLeft e) {
                observe(roomId, version, e.participants(), false);
                return plus(ids(e.participants()), e.userId());
            }

            @Override
            public Set<String> participantKicked(RoomEvent.ParticipantKicked e) {
                observe(roomId, version, e.participants(), false);
                return plus(ids(e.participants()), e.userId());
            }

            @Override
            public Set<String> adminTransferred(RoomEvent.AdminTransferred e) {
                observe(roomId, version, e.participants(), false);
                return ids(e.participants());
            }

            @Override
            public Set<String> playbackStarted(RoomEvent.PlaybackStarted e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> playbackPaused(RoomEvent.PlaybackPaused e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> playbackSeeked(RoomEvent.PlaybackSeeked e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> playbackRateChanged(RoomEvent.PlaybackRateChanged e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> playbackPositionCorrected(RoomEvent.PlaybackPositionCorrected e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> episodeChanged(RoomEvent.EpisodeChanged e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> providerChanged(RoomEvent.ProviderChanged e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> mediaChanged(RoomEvent.MediaChanged e) {
                return unchangedMembers(roomId, version);
            }

            @Override
            public Set<String> roomClosed(RoomEvent.RoomClosed e) {
                Members before = rooms.get(roomId);
                observe(roomId, version, List.of(), true);
                // Whoever was still subscribed learns that the room is gone.
                return before == null ? null : before.userIds();
            }
        });
    }

    /** Takes in a room state from a command result or the read model. */
    public void observe(RoomState room) {
        if (room.exists()) {
            observe(room.roomId(), room.version(), room.participants(), room.closed());
        }
    }

    /**
     * Completes with true as soon as {@code userId} is seen among the room's participants, or with false
     * after {@code maxWaitMillis}.
     */
    public CompletableFuture<Boolean> whenParticipant(String roomId, String userId, long maxWaitMillis) {
        Members known = rooms.get(roomId);
        if (known != null && known.contains(userId)) {
            return CompletableFuture.completedFuture(true);
        }
        Waiter waiter = new Waiter(userId, new CompletableFuture<>());
        waiters.compute(roomId, (id, list) -> {
            List<Waiter> waiting = list == null ? new CopyOnWriteArrayList<>() : list;
            waiting.add(waiter);
            return waiting;
        });
        // Checked again after registering: an event applied in between would otherwise be missed.
        Members now = rooms.get(roomId);
        if (now != null && now.contains(userId)) {
            waiter.result().complete(true);
        }
        waiter.result().completeOnTimeout(false, maxWaitMillis, TimeUnit.MILLISECONDS)
                .whenComplete((joined, error) -> forget(roomId, waiter));
        return waiter.result();
    }

    private Members observe(String roomId, long version, List<Participant> participants, boolean closed) {
        Members candidate = new Members(version, ids(participants), closed);
        Members current = rooms.merge(roomId, candidate, (old, next) -> next.version() > old.version() ? next : old);
        if (current == candidate) {
            wake(roomId, current);
        }
        return candidate;
    }

    private Set<String> unchangedMembers(String roomId, long version) {
        Members current = rooms.computeIfPresent(roomId, (id, old) -> version > old.version()
                ? new Members(version, old.userIds(), old.closed()) : old);
        return current == null ? null : current.userIds();
    }

    private void wake(String roomId, Members members) {
        List<Waiter> waiting = waiters.get(roomId);
        if (waiting != null) {
            waiting.stream().filter(w -> members.contains(w.userId())).forEach(w -> w.result().complete(true));
        }
    }

    private void forget(String roomId, Waiter waiter) {
        waiters.computeIfPresent(roomId, (id, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }

    private static Set<String> ids(List<Participant> participants) {
        return participants.stream().map(Participant::userId).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> plus(Set<String> userIds, String userId) {
        Set<String> copy = new HashSet<>(userIds);
        copy.add(userId);
        return Set.copyOf(copy);
    }
}
