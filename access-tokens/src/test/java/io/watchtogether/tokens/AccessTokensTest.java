package io.watchtogether.tokens;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

    private static final String SECRET = "a-test-secret-of-some-length";

    private final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofHours(1));

    @Test
    void an_issued_token_identifies_its_user() {
        TokenIdentity identity = tokens.verify("Bearer " + tokens.issue("u-1", "alice"));

        assertThat(identity.userId()).isEqualTo("u-1");
        assertThat(identity.username()).isEqualTo("alice");
    }

    @Test
    void a_token_signed_with_another_secret_is_refused() {
        String forged = new AccessTokens("another-secret-entirely", Duration.ofHours(1)).issue("u-1", "alice");

        assertThatThrownBy(() -> tokens.verify(forged))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.INVALID));
    }

    @Test
    void an_expired_token_is_refused_as_expired() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String old = new AccessTokens(SECRET, Duration.ofHours(1), past).issue("u-1", "alice");

        assertThatThrownBy(() -> tokens.verify(old))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.EXPIRED));
    }

    @Test
    void a_missing_or_garbled_token_is_refused() {
        assertThatThrownBy(() -> tokens.verify(null))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.MISSING));
        assertThatThrownBy(() -> tokens.verify("not.a.jwt"))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.INVALID));
    }

    @Test
    void a_short_secret_is_refused_at_startup() {
        assertThatThrownBy(() -> new AccessTokens("short", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT_SECRET");
    }
}
