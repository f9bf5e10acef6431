package io.watchtogether.tokens;

import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and verifies the HS256 JWTs that identify a user to command-api and sync-gateway. Both services
 * build it from the same {@code JWT_SECRET}; the caller's identity always comes from here, never from a
 * request body.
 */
public final class AccessTokens {

    private static final String ISSUER = "watch-together";
    private static final String USERNAME_CLAIM = "username";

    private final SecretKey key;
    private final Duration timeToLive;
    private final Clock clock;

    /**
     * @param secret     the shared secret; any length (it is stretched with SHA-256 to the 256-bit key HS256
     *                   needs, so a human-chosen secret works), but at least 16 characters
     * @param timeToLive how long an issued token is valid
     * @param clock      the clock used for issuing and checking expiry
     */
    public AccessTokens(String secret, Duration timeToLive, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("JWT secret must be at least 16 characters (set JWT_SECRET)");
        }
        this.key = Keys.hmacShaKeyFor(sha256(secret));
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    public AccessTokens(String secret, Duration timeToLive) {
        this(secret, timeToLive, Clock.systemUTC());
    }

    /** A signed token for this user, valid for the configured time to live. */
    public String issue(String userId, String username) {
        Instant now = clock.instant();
        return Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer(ISSUER)
                .subject(userId)
                .claim(USERNAME_CLAIM, username)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(timeToLive)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * Verifies a token (signature, issuer, expiry) and returns who it identifies.
     *
     * @param token the compact JWT, with or without a leading {@code Bearer }
     * @throws InvalidTokenException naming why the token is refused
     */
    public TokenIdentity verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MISSING, "No token given");
        }
        String compact = token.startsWith("Bearer ") ? token.substring(7).trim() : token.trim();
        try {
            var claims = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(ISSUER)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(compact)
                    .getPayload();
            String username = claims.get(USERNAME_CLAIM, String.class);
            if (claims.getSubject() == null || username == null) {
                throw new InvalidTokenException(InvalidTokenException.Reason.INVALID, "Token lacks subject or username");
            }
            return new TokenIdentity(claims.getSubject(), username, claims.getExpiration().toInstant());
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.EXPIRED, "Token expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.INVALID, "Token is not valid");
        }
    }

    public Duration timeToLive() {
        return timeToLive;
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
