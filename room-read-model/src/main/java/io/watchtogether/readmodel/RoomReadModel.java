package io.watchtogether.readmodel;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomJson;
import io.watchtogether.events.RoomState;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The current state of every room in Redis, with the indexes behind room listing and statistics.
 *
 * <p>Keys, under the current generation's prefix ({@code wt} until the first rebuild, then
 * {@code wt:g<epochMillis>}):
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
 * <p>Generations: a rebuild fills a fresh set of keys under another prefix and then switches everybody to it
 * (see {@link ReadModelGenerations}). Every read and write here goes to the current generation, looked up
 * through a pointer key that is cached for {@code generationCache}; {@link #atGeneration} pins one.
 *
 * <p>Thread-safe; one instance per application.
 */
public final class RoomReadModel {

    public static final String DEFAULT_KEY_PREFIX = "wt";
    public static final Duration DEFAULT_CLOSED_ROOM_RETENTION = Duration.ofHours(24);
    /** How long the generation pointer is trusted; a rebuild waits longer than this before dropping old keys. */
    public static final Duration DEFAULT_GENERATION_CACHE = Duration.ofSeconds(1);

    @SuppressWarnings("rawtypes") // the script's result type is given as a Class: List.class has no type argument
    private static final RedisScript<List> APPLY_SCRIPT = loadApplyScript();
    private static final long APPLIED = 1;
    private static final long DUPLICATE = 0;
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 3_600_000;

    private final StringRedisTemplate redis;
    private final ReadModelGenerations generations;
    /** The generation this instance is pinned to, or null to follow the current one. */
    private final String pinnedGeneration;
    private final Duration closedRoomRetention;

    /** @param keyPrefix the base prefix (see {@link ReadModelGenerations}) */
    public RoomReadModel(StringRedisTemplate redis, String keyPrefix) {
        this(redis, keyPrefix, DEFAULT_CLOSED_ROOM_RETENTION);
    }

    /**
     * @param closedRoomRetention how long a closed room's state stays readable (so late subscribers and
     *                            clients polling the room learn that it closed) before Redis expires it
     */
    public RoomReadModel(StringRedisTemplate redis, String keyPrefix, Duration closedRoomRetention) {
        this(redis, keyPrefix, closedRoomRetention, DEFAULT_GENERATION_CACHE);
    }

    /**
     * @param generationCache how long the current generation, once read, is trusted (zero: read it every call)
     */
    public RoomReadModel(StringRedisTemplate redis, String keyPrefix, Duration closedRoomRetention,
                         Duration generationCache) {
        this(redis, new ReadModelGenerations(redis, keyPrefix, generationCache), null, closedRoomRetention);
    }

    private RoomReadModel(StringRedisTemplate redis, ReadModelGenerations generations, String pinnedGeneration,
                          Duration closedRoomRetention) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (closedRoomRetention == null || closedRoomRetention.toMillis() <= 0) {
            throw new IllegalArgumentException("closedRoomRetention must be positive, got " + closedRoomRetention);
        }
        this.generations = generations;
        this.pinnedGeneration = pinnedGeneration;
        this.closedRoomRetention = closedRoomRetention;
    }

    /** The generations of this read model: which one is current, switching, dropping. */
    public ReadModelGenerations generations() {
        return generations;
    }

    /** The generation this instance reads and writes now: its pinned one, or else the current one. */
    public String generation() {
        return pinnedGeneration != null ? pinnedGeneration : generations.current();
    }

    /** This read model pinned to one generation, whichever is current: what a rebuild fills and compares. */
    public RoomReadModel atGeneration(String generation) {
        generations.requireOwn(generation);
        return new RoomReadModel(redis, generations, generation, closedRoomRetention);
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
        String generation = generation();
        long expiryMs = stateAfter.closed() ? closedRoomRetention.toMillis() : 0;
        List<?> result = redis.execute(APPLY_SCRIPT, List.of(stateKey(generation, event.roomId())),
                Long.toString(event.version()), RoomJson.mapper().writeValueAsString(stateAfter),
                Long.toString(expiryMs));
        long outcome = ((Number) result.get(0)).longValue();
        long stored = ((Number) result.get(1)).longValue();
        if (outcome == APPLIED) {
            index(generation, stateAfter, event);
            return ApplyOutcome.APPLIED;
        }
        if (outcome == DUPLICATE) {
            if (stored == event.version()) {
                // The last applied event came again: perhaps we crashed between the script and the
                // indexes. Rewriting them from the stored state is idempotent, so repair them.
                find(generation, event.roomId()).ifPresent(state -> index(generation, state, null));
            }
            return ApplyOutcome.DUPLICATE;
        }
        throw new VersionGapException(event.roomId(), stored, event.version());
    }

    /** The room's state, including a closed room's while its key lives. */
    public Optional<RoomState> find(String roomId) {
        return find(generation(), roomId);
    }

    private Optional<RoomState> find(String generation, String roomId) {
        return Optional.ofNullable(redis.opsForValue().get(stateKey(generation, roomId))).map(RoomReadModel::readState);
    }

    /** Open rooms, most recent activity first. */
    public List<RoomState> listActive(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        String generation = generation();
        Set<String> roomIds = redis.opsForZSet().reverseRange(activeKey(generation), offset, (long) offset + limit - 1);
        return readOpenStates(generation, roomIds);
    }

    /**
     * Ids of open rooms whose last activity is before {@code lastActivityBefore} (epoch ms), longest idle
     * first: what the 24 h inactivity cleanup closes.
     */
    public List<String> roomsIdleSince(long lastActivityBefore, int limit) {
        Set<String> roomIds = redis.opsForZSet()
                .rangeByScore(activeKey(generation()), Double.NEGATIVE_INFINITY, lastActivityBefore - 1, 0, limit);
        return roomIds == null ? List.of() : List.copyOf(roomIds);
    }

    /** Open rooms, participants present and events of the hour before {@code nowMillis}, at minute resolution. */
    public RoomStats stats(long nowMillis) {
        String generation = generation();
        Long activeRooms = redis.opsForZSet().zCard(activeKey(generation));
        long participants = 0;
        for (Object count : redis.opsForHash().values(participantsKey(generation))) {
            participants += Long.parseLong((String) count);
        }
        Map<String, Long> byType = new HashMap<>();
        long currentMinute = Math.floorDiv(nowMillis, MINUTE_MS);
        for (long minute = currentMinute - 59; minute <= currentMinute; minute++) {
            redis.opsForHash().entries(minuteKey(generation, minute)).forEach((type, count) ->
                    byType.merge((String) type, Long.parseLong((String) count), Long::sum));
        }
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        return new RoomStats(activeRooms == null ? 0 : activeRooms, participants, total, byType);
    }

    /** The version of the room's stored state; 0 when none is stored. */
    public long storedVersion(String roomId) {
        return find(roomId).map(RoomState::version).orElse(0L);
    }

    /**
     * Writes rooms' states and their index entries as they are, without the version check: for filling a
     * generation that nobody else writes yet (a rebuild, before it switches to it). A closed room keeps what
     * remains of its retention, counted from its last event, and is not written once that has passed: the
     * live model has let it expire by then too. One pipelined round trip for the whole batch.
     */
    public void writeStates(Collection<RoomState> states) {
        String generation = generation();
        long now = System.currentTimeMillis();
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection commands = new DefaultStringRedisConnection(connection);
            for (RoomState state : states) {
                String key = stateKey(generation, state.roomId());
                String json = RoomJson.mapper().writeValueAsString(state);
                long remainingMs = state.lastActivityAt() + closedRoomRetention.toMillis() - now;
                if (!state.closed()) {
                    commands.set(key, json);
                } else if (remainingMs > 0) {
                    commands.pSetEx(key, remainingMs, json);
                } else {
                    commands.del(key);
                }
                index(commands, generation, state);
            }
            return null;
        });
    }

    /** Adds counted events to the statistics of this generation, then empties {@code counts}. */
    public void addEventCounts(EventCounts counts) {
        if (counts.isEmpty()) {
            return;
        }
        String generation = generation();
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection commands = new DefaultStringRedisConnection(connection);
            counts.byMinute().forEach((minute, byType) -> {
                String key = minuteKey(generation, minute);
                byType.forEach((type, count) -> commands.hIncrBy(key, type, count));
                commands.pExpireAt(key, minuteExpiry(minute));
            });
            return null;
        });
        counts.clear();
    }

    /**
     * Overwrites the room's index entries from its state and, when {@code counted} is given, counts that event:
     * one pipelined round trip.
     */
    private void index(String generation, RoomState state, EventEnvelope counted) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection commands = new DefaultStringRedisConnection(connection);
            index(commands, generation, state);
            long minute = counted == null ? 0 : epochMinute(counted);
            // A replayed old event's minute is already out of every window: not counted.
            if (counted != null && minuteStillCounted(minute)) {
                String key = minuteKey(generation, minute);
                commands.hIncrBy(key, eventName(counted), 1);
                commands.pExpireAt(key, minuteExpiry(minute));
            }
            return null;
        });
    }

    private static void index(StringRedisConnection commands, String generation, RoomState state) {
        if (state.closed()) {
            commands.zRem(activeKey(generation), state.roomId());
            commands.hDel(participantsKey(generation), state.roomId());
        } else {
            commands.zAdd(activeKey(generation), state.lastActivityAt(), state.roomId());
            commands.hSet(participantsKey(generation), state.roomId(), Integer.toString(state.participants().size()));
        }
    }

    static long epochMinute(EventEnvelope event) {
        return Math.floorDiv(event.time(), MINUTE_MS);
    }

    /** A minute's counter lives until an hour after the minute ends, then no window includes it. */
    private static long minuteExpiry(long epochMinute) {
        return (epochMinute + 1) * MINUTE_MS + HOUR_MS;
    }

    static boolean minuteStillCounted(long epochMinute) {
        return minuteExpiry(epochMinute) > System.currentTimeMillis();
    }

    private List<RoomState> readOpenStates(String generation, Set<String> roomIds) {
        if (roomIds == null || roomIds.isEmpty()) {
            return List.of();
        }
        List<String> keys = roomIds.stream().map(roomId -> stateKey(generation, roomId)).toList();
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
        return stateKey(generation(), roomId);
    }

    private static String stateKey(String generation, String roomId) {
        return generation + ":room:{" + roomId + "}:state";
    }

    private static String activeKey(String generation) {
        return generation + ":rooms:active";
    }

    private static String participantsKey(String generation) {
        return generation + ":rooms:participants";
    }

    private static String minuteKey(String generation, long epochMinute) {
        return generation + ":events:minute:" + epochMinute;
    }

    /**
     * SCAN patterns matching every key of a generation, and nothing of another generation nor the control
     * keys of {@link ReadModelGenerations}. A new key family must be added here, or dropping a generation
     * leaves it behind.
     */
    static List<String> keyPatterns(String generation) {
        String escaped = generation.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
        return List.of(escaped + ":room:*", escaped + ":rooms:*", escaped + ":events:minute:*");
    }

    @SuppressWarnings("rawtypes")
    private static RedisScript<List> loadApplyScript() {
        DefaultRedisScript<List> script = new DefaultRedisScript<>();
        script.setLocation(new ClassPathResource("io/watchtogether/readmodel/apply-room-event.lua"));
        script.setResultType(List.class);
        return script;
    }
}
