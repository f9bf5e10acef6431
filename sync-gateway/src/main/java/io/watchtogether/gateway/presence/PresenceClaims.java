package io.watchtogether.gateway.presence;

import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What every gateway instance tells the others through Redis: which users it holds in which rooms. Without
 * it, an instance whose last session of a user closed would remove that user although they are still
 * watching through another instance.
 *
 * <p>One sorted set per room, {@code <prefix>:presence:{roomId}} (the hash tag keeps it in the room's Redis
 * Cluster slot), with members {@code <instanceId>|<userId>} scored by when the note expires. Each instance
 * refreshes its notes at half their life and removes them when the user is no longer present through it; an
 * instance that dies leaves notes that simply expire, and the key itself expires when nobody refreshes it.
 */
@Component
class PresenceClaims {

    private static final String SEPARATOR = "|";

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final Duration ttl;
    private final String instanceId = UUID.randomUUID().toString();

    PresenceClaims(StringRedisTemplate redis, PresenceProperties properties) {
        this.redis = redis;
        this.keyPrefix = properties.keyPrefix();
        this.ttl = properties.claimTtl();
    }

    /** Writes this instance's notes for {@code claim} (valid until {@code until}) and removes those of {@code release}. */
    void update(List<RoomPresence.Key> claim, long until, List<RoomPresence.Key> release, long now) {
        if (claim.isEmpty() && release.isEmpty()) {
            return;
        }
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                // The operations are the StringRedisTemplate's, bound to the pipelined connection.
                RedisOperations<String, String> commands = (RedisOperations<String, String>) operations;
                for (RoomPresence.Key key : claim) {
                    String set = key(key.roomId());
                    commands.opsForZSet().removeRangeByScore(set, Double.NEGATIVE_INFINITY, now);
                    commands.opsForZSet().add(set, member(key.userId()), until);
                    commands.expire(set, ttl);
                }
                for (RoomPresence.Key key : release) {
                    commands.opsForZSet().remove(key(key.roomId()), member(key.userId()));
                }
                return null;
            }
        });
    }

    /** Whether another instance has an unexpired note that it holds the user in the room. */
    boolean heldElsewhere(String userId, String roomId, long now) {
        Set<String> members = redis.opsForZSet().rangeByScore(key(roomId), now, Double.POSITIVE_INFINITY);
        if (members == null) {
            return false;
        }
        String mine = member(userId);
        String ofUser = SEPARATOR + userId;
        return members.stream().anyMatch(member -> member.endsWith(ofUser)
                && member.indexOf(SEPARATOR) == member.length() - ofUser.length() && !member.equals(mine));
    }

    private String key(String roomId) {
        return keyPrefix + ":presence:{" + roomId + "}";
    }

    private String member(String userId) {
        return instanceId + SEPARATOR + userId;
    }
}
