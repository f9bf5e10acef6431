package io.watchtogether.gateway.connect;

import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.StompTestClient;
import io.watchtogether.gateway.StompTestClient.Attempt;
import io.watchtogether.tokens.AccessTokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectAuthenticationTest extends GatewayIntegrationTest {

    @Test
    void connect_without_a_token_is_refused_with_an_error_frame() {
        Attempt attempt = StompTestClient.attempt(port, null);

        assertThat(attempt.session()).isNull();
        assertThat(attempt.error()).isEqualTo("Unauthorized: CONNECT needs the header 'Authorization: Bearer <token>'");
    }

    @Test
    void connect_with_a_token_signed_with_another_secret_is_refused() {
        String forged = new AccessTokens("not-the-gateway-secret-at-all", Duration.ofHours(1)).issue("mallory", "mallory");

        Attempt attempt = StompTestClient.attempt(port, "Bearer " + forged);

        assertThat(attempt.session()).isNull();
        assertThat(attempt.error()).isEqualTo("Unauthorized: Token is not valid");
    }

    @Test
    void connect_with_an_expired_token_is_refused() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new AccessTokens(JWT_SECRET, Duration.ofMinutes(5), anHourAgo).issue("alice", "alice");

        Attempt attempt = StompTestClient.attempt(port, "Bearer " + expired);

        assertThat(attempt.session()).isNull();
        assertThat(attempt.error()).isEqualTo("Unauthorized: Token expired");
    }

    @Test
    void connect_with_something_else_than_a_bearer_token_is_refused() {
        Attempt attempt = StompTestClient.attempt(port, "Basic YWxpY2U6c2VjcmV0");

        assertThat(attempt.error()).startsWith("Unauthorized: ");
    }

    @Test
    void connect_with_a_valid_token_opens_a_session() {
        Attempt attempt = StompTestClient.attempt(port, "Bearer " + tokens.issue("alice", "Alice"));

        assertThat(attempt.error()).isNull();
        assertThat(attempt.session().isConnected()).isTrue();
        attempt.session().disconnect();
    }
}
