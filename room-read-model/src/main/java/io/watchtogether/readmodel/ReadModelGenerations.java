package io.watchtogether.readmodel;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which generation of the read model is the current one, so that a rebuild can fill fresh keys while readers
 * and the live projector keep using the old ones, then switch everybody over at once.
 *
 * <p>A generation is a key prefix. The base prefix ({@code wt} by default) names the generation that exists
 * before any rebuild; a rebuild creates {@code <base>:g<epochMillis>}. Control keys, outside every
 * generation's key families:
 * <ul>
 *   <li>{@code <base>:generation} — the current generation's prefix; absent means the base prefix itself;</li>
 *   <li>{@code <base>:generations} — every generation that may have keys, so that one a crashed rebuild left
 *       behind (half filled, or replaced but not yet dropped) is found and dropped by the next rebuild;</li>
 *   <li>{@code <base>:rebuild:lock} — held by the running rebuild, with an expiry it keeps extending, so two
 *       rebuilds never run at once and a crashed one does not block the next for long.</li>
 * </ul>
 *
 * <p>Reading the pointer costs one Redis round trip, so {@link #current()} caches it for a short while
 * ({@code cacheTtl}); whoever switches generations must wait longer than every instance's cache before relying
 * on nobody using the previous generation any more.
 */
public final class ReadModelGenerations {

    private static final RedisScript<Long> EXTEND_LOCK = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""", Long.class);
    private static final RedisScript<Long> RELEASE_LOCK = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""", Long.class);
    private static final int DELETE_BATCH = 500;

    private final StringRedisTemplate redis;
    private final String base;
    private final long cacheTtlNanos;
    private volatile Cached cached;

    private record Cached(String generation, long readAtNanos) {
    }

    /**
     * @param base     the base key prefix, also the name of the generation that exists before any rebuild
     * @param cacheTtl how long {@link #current()} trusts the pointer it read; zero reads it every time
     */
    public ReadModelGenerations(StringRedisTemplate redis, String base, Duration cacheTtl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("base prefix must not be blank");
        }
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative, got " + cacheTtl);
        }
        this.base = base;
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    public String base() {
        return base;
    }

    /** The current generation, as read at most {@code cacheTtl} ago. */
    public String current() {
        Cached seen = cached;
        long now = System.nanoTime();
        if (seen == null || now - seen.readAtNanos() >= cacheTtlNanos) {
            seen = new Cached(readPointer(), now);
            cached = seen;
        }
        return seen.generation();
    }

    /** The current generation, read from Redis now. */
    public String currentNow() {
        String generation = readPointer();
        cached = new Cached(generation, System.nanoTime());
        return generation;
    }

    /**
     * Registers a new, empty generation that no other generation uses: {@code <base>:g<epochMillis>}. It is
     * not current until {@link #switchTo}.
     */
    public String create() {
        Set<String> taken = new TreeSet<>(known());
        taken.add(currentNow());
        long stamp = System.currentTimeMillis();
        String candidate = base + ":g" + stamp;
        while (taken.contains(candidate)) {
            candidate = base + ":g" + ++stamp;
        }
        redis.opsForSet().add(generationsKey(), candidate);
        return candidate;
    }

    /** The generations that may have keys: the registered ones and the current one. */
    public Set<String> known() {
        Set<String> known = new TreeSet<>();
        Set<String> registered = redis.opsForSet().members(generationsKey());
        if (registered != null) {
            known.addAll(registered);
        }
        known.add(currentNow());
        return known;
    }

    /** Makes {@code generation} the current one for every reader and writer (after their caches expire). */
    public void switchTo(String generation) {
        requireOwn(generation);
        // The one being replaced stays registered until it is dropped, so a crash cannot orphan its keys.
        redis.opsForSet().add(generationsKey(), currentNow(), generation);
        if (generation.equals(base)) {
            redis.delete(pointerKey());
        } else {
            redis.opsForValue().set(pointerKey(), generation);
        }
        cached = new Cached(generation, System.nanoTime());
    }

    /**
     * Unlinks every key of a generation that is not the current one (SCAN by each key family, then UNLINK
     * in batches, so Redis never blocks on one huge command), and forgets it.
     *
     * @return how many keys were removed
     */
    public long delete(String generation) {
        requireOwn(generation);
        if (generation.equals(currentNow())) {
            throw new IllegalStateException("Refusing to delete the current generation " + generation);
        }
        long removed = 0;
        for (String pattern : RoomReadModel.keyPatterns(generation)) {
            List<String> batch = new ArrayList<>(DELETE_BATCH);
            try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
                while (keys.hasNext()) {
                    batch.add(keys.next());
                    if (batch.size() == DELETE_BATCH) {
                        removed += unlink(batch);
                    }
                }
            }
            removed += unlink(batch);
        }
        redis.opsForSet().remove(generationsKey(), generation);
        return removed;
    }

    /**
     * Takes the rebuild lock for {@code owner} unless someone holds it.
     *
     * @return whether {@code owner} now holds it
     */
    public boolean lockRebuild(String owner, Duration ttl) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(lockKey(), owner, ttl));
    }

    /** Extends the rebuild lock; false when {@code owner} no longer holds it. */
    public boolean extendRebuildLock(String owner, Duration ttl) {
        Long extended = redis.execute(EXTEND_LOCK, List.of(lockKey()), owner, Long.toString(ttl.toMillis()));
        return extended != null && extended == 1;
    }

    public void releaseRebuildLock(String owner) {
        redis.execute(RELEASE_LOCK, List.of(lockKey()), owner);
    }

    /** Who runs a rebuild now, if anyone. */
    public Optional<String> rebuildOwner() {
        return Optional.ofNullable(redis.opsForValue().get(lockKey()));
    }

    private long unlink(List<String> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Long count = redis.unlink(batch);
        batch.clear();
        return count == null ? 0 : count;
    }

    private String readPointer() {
        String generation = redis.opsForValue().get(pointerKey());
        return generation == null ? base : generation;
    }

    /** @throws IllegalArgumentException unless {@code generation} is the base prefix or {@code <base>:g<digits>} */
    void requireOwn(String generation) {
        boolean own = generation != null && (generation.equals(base) || (generation.startsWith(base + ":g")
                && generation.length() > base.length() + 2
                && generation.substring(base.length() + 2).chars().allMatch(Character::isDigit)));
        if (!own) {
            throw new IllegalArgumentException("Not a generation of " + base + ": " + generation);
        }
    }

    private String pointerKey() {
        return base + ":generation";
    }

    private String generationsKey() {
        return base + ":generations";
    }

    private String lockKey() {
        return base + ":rebuild:lock";
    }
}
