package io.watchtogether.readmodel;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomJson;
import io.watchtogether.events.RoomState;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The current state of every room in Redis, with the indexes behind room listing and statistics.
 *
 * <p>Keys (prefix {@code wt} by default):
 * <ul>
 *   <li>{@code wt:room:{roomId}:state} — the {@link RoomState} as JSON (it carries its version). The
 *       {@code {roomId}} hash tag keeps everything the per-event script touches in one Redis Cluster slot.</li>
 *   <li>{@code wt:rooms:active} — sorted set of open rooms scored by last activity (epoch ms).</li>
 *   <li>{@code wt:rooms:participants} — hash of open room → number of participants present.</li>
 *   <li>{@code wt:events:minute:<epochMinute>} — hash of event name → count, expiring an hour after the minute.</li>
 * </ul>
 *
 * <p>Only the state key is versioned: one Lua script per event skips duplicates, applies the next version
 * and refuses gaps. The global keys live in other slots, so they are written by separate commands after the
 * script: the active index and participant counts are overwritten from the state (idempotent), and the
 * per-minute counters move only for an event the script applied, so a redelivery never counts twice (a crash
 * between the script and the counter can lose one count: acceptable for a statistic).
 *
 * <p>Thread-safe; one instance per application.
 */
public final class RoomReadModel {

    public static final String DEFAULT_KEY_PREFIX = "wt";
    public static final Duration DEFAULT_CLOSED_ROOM_RETENTION = Duration.ofHours(24);

    @SuppressWarnings("rawtypes") // the script's result type is given as a Class: List.class has no type argument
    private static final RedisScript<List> APPLY_SCRIPT = loadApplyScript();
    private static final long APPLIED = 1;
    private static final long DUPLICATE = 0;
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 3_600_000;

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final Duration closedRoomRetention;

    public RoomReadModel(StringRedisTemplate redis, String keyPrefix) {
        this(redis, keyPrefix, DEFAULT_CLOSED_ROOM_RETENTION);
    }

    /**
     * @param closedRoomRetention how long a closed room's state stays readable (so late subscribers and
     *                            clients polling the room learn that it closed) before Redis expires it
     */
    public RoomReadModel(StringRedisTemplate redis, String keyPrefix, Duration closedRoomRetention) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("keyPrefix must not be blank");
        }
        if (closedRoomRetention == null || closedRoomRetention.toMillis() <= 0) {
            throw new IllegalArgumentException("closedRoomRetention must be positive, got " + closedRoomRetention);
        }
        this.keyPrefix = keyPrefix;
        this.closedRoomRetention = closedRoomRetention;
    }

    /**
     * Records one event and the room's state after it.
     *
     * @param event      the event, as read from {@code room.events}
     * @param stateAfter the room's state after the event ({@code RoomState.evolve} of the previous state)
     * @return {@link ApplyOutcome#APPLIED} for the room's next version, {@link ApplyOutcome#DUPLICATE} for a
     *         version already stored (nothing changes)
     * @throws VersionGapException when the event is more than one version past the stored state
     */
    public ApplyOutcome apply(EventEnvelope event, RoomState stateAfter) {
        if (!event.roomId().equals(stateAfter.roomId()) || event.version() != stateAfter.version()) {
            throw new IllegalArgumentException("State " + stateAfter.roomId() + "@" + stateAfter.version()
                    + " is not the state after event " + event.roomId() + "@" + event.version());
        }
        long expiryMs = stateAfter.closed() ? closedRoomRetention.toMillis() : 0;
        List<?> result = redis.execute(APPLY_SCRIPT, List.of(stateKey(event.roomId())),
                Long.toString(event.version()), RoomJson.mapper().writeValueAsString(stateAfter),
                Long.toString(expiryMs));
        long outcome = ((Number) result.get(0)).longValue();
        long stored = ((Number) result.get(1)).longValue();
        if (outcome == APPLIED) {
            indexRoom(stateAfter);
            countEvent(event);
            return ApplyOutcome.APPLIED;
        }
        if (outcome == DUPLICATE) {
            if (stored == event.version()) {
                // The last applied event came again: perhaps we crashed between the script and the
                // indexes. Rewriting them from the stored state is idempotent, so repair them.
                find(event.roomId()).ifPresent(this::indexRoom);
            }
            return ApplyOutcome.DUPLICATE;
        }
        throw new VersionGapException(event.roomId(), stored, event.version());
    }

    /** The room's state, including a closed room's while its key lives. */
    public Optional<RoomState> find(String roomId) {
        return Optional.ofNullable(redis.opsForValue().get(stateKey(roomId))).map(RoomReadModel::readState);
    }

    /** Open rooms, most recent activity first. */
    public List<RoomState> listActive(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        Set<String> roomIds = redis.opsForZSet().reverseRange(activeKey(), offset, (long) offset + limit - 1);
        return readOpenStates(roomIds);
    }

    /**
     * Ids of open rooms whose last activity is before {@code lastActivityBefore} (epoch ms), longest idle
     * first: what the 24 h inactivity cleanup closes.
     */
    public List<String> roomsIdleSince(long lastActivityBefore, int limit) {
        Set<String> roomIds = redis.opsForZSet()
                .rangeByScore(activeKey(), Double.NEGATIVE_INFINITY, lastActivityBefore - 1, 0, limit);
        return roomIds == null ? List.of() : List.copyOf(roomIds);
    }

    /** Open rooms, participants present and events of the hour before {@code nowMillis}, at minute resolution. */
    public RoomStats stats(long nowMillis) {
        Long activeRooms = redis.opsForZSet().zCard(activeKey());
        long participants = 0;
        for (Object count : redis.opsForHash().values(participantsKey())) {
            participants += Long.parseLong((String) count);
        }
        Map<String, Long> byType = new HashMap<>();
        long currentMinute = Math.floorDiv(nowMillis, MINUTE_MS);
        for (long minute = currentMinute - 59; minute <= currentMinute; minute++) {
            redis.opsForHash().entries(minuteKey(minute)).forEach((type, count) ->
                    byType.merge((String) type, Long.parseLong((String) count), Long::sum));
        }
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        return new RoomStats(activeRooms == null ? 0 : activeRooms, participants, total, byType);
    }

    /** The version of the room's stored state; 0 when none is stored. */
    public long storedVersion(String roomId) {
        return find(roomId).map(RoomState::version).orElse(0L);
    }

    private void indexRoom(RoomState state) {
        if (state.closed()) {
            redis.opsForZSet().remove(activeKey(), state.roomId());
            redis.opsForHash().delete(participantsKey(), state.roomId());
        } else {
            redis.opsForZSet().add(activeKey(), state.roomId(), state.lastActivityAt());
            redis.opsForHash().put(participantsKey(), state.roomId(), Integer.toString(state.participants().size()));
        }
    }

    private void countEvent(EventEnvelope event) {
        long minute = Math.floorDiv(event.time(), MINUTE_MS);
        Instant expiresAt = Instant.ofEpochMilli((minute + 1) * MINUTE_MS + HOUR_MS);
        if (!expiresAt.isAfter(Instant.now())) {
            return; // a replayed old event: its minute is already out of every window
        }
        String key = minuteKey(minute);
        redis.opsForHash().increment(key, eventName(event), 1);
        redis.expireAt(key, expiresAt);
    }

    private List<RoomState> readOpenStates(Set<String> roomIds) {
        if (roomIds == null || roomIds.isEmpty()) {
            return List.of();
        }
        List<String> keys = roomIds.stream().map(this::stateKey).toList();
        List<String> jsons = redis.opsForValue().multiGet(keys);
        List<RoomState> states = new ArrayList<>(keys.size());
        if (jsons != null) {
            for (String json : jsons) {
                // A room may close or expire between the index read and the state read.
                if (json != null) {
                    RoomState state = readState(json);
                    if (!state.closed()) {
                        states.add(state);
                    }
                }
            }
        }
        return List.copyOf(states);
    }

    private static RoomState readState(String json) {
        return RoomJson.mapper().readValue(json, RoomState.class);
    }

    /** The event's record name, e.g. {@code PlaybackStarted}: short, and stable as long as its ce_type is. */
    static String eventName(EventEnvelope event) {
        return event.event().getClass().getSimpleName();
    }

    String stateKey(String roomId) {
        return keyPrefix + ":room:{" + roomId + "}:state";
    }

    private String activeKey() {
        return keyPrefix + ":rooms:active";
    }

    private String participantsKey() {
        return keyPrefix + ":rooms:participants";
    }

    private String minuteKey(long epochMinute) {
        return keyPrefix + ":events:minute:" + epochMinute;
    }

    @SuppressWarnings("rawtypes")
    private static RedisScript<List> loadApplyScript() {
        DefaultRedisScript<List> script = new DefaultRedisScript<>();
        script.setLocation(new ClassPathResource("io/watchtogether/readmodel/apply-room-event.lua"));
        script.setResultType(List.class);
        return script;
    }
}
