package io.watchtogether.command.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Token settings.
 *
 * @param secret the HS256 secret shared with sync-gateway ({@code JWT_SECRET}); required
 * @param ttl    how long an issued token is valid
 */
@ConfigurationProperties("watch-together.jwt")
public record JwtSettings(String secret, Duration ttl) {

    public JwtSettings {
        ttl = ttl == null ? Duration.ofHours(1) : ttl;
    }
}
