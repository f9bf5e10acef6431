package io.watchtogether.events;

/**
 * A member of a room.
 *
 * @param userId   the account id (from the caller's token)
 * @param username the account's display name
 * @param joinedAt server time (epoch ms) of joining; the earliest present participant succeeds a leaving admin
 */
public record Participant(String userId, String username, long joinedAt) {
}
