package io.watchtogether.tokens;

import java.time.Instant;

/**
 * Who a verified token identifies.
 *
 * @param userId    the account id ({@code sub})
 * @param username  the account's name
 * @param expiresAt when the token stops being valid
 */
public record TokenIdentity(String userId, String username, Instant expiresAt) {
}
