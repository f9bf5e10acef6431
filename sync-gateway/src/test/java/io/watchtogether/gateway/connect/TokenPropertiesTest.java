package io.watchtogether.gateway.connect;

import io.watchtogether.tokens.AccessTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class TokenPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TokenProperties.class)
    @Import(ConnectConfiguration.class)
    static class Tokens {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Tokens.class);

    @Test
    void startup_fails_naming_JWT_SECRET_when_the_secret_is_missing() {
        runner.withPropertyValues("watch-together.gateway.tokens.secret=")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("JWT_SECRET"));
    }

    @Test
    void startup_fails_when_the_secret_is_too_short() {
        runner.withPropertyValues("watch-together.gateway.tokens.secret=short")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("at least 16"));
    }

    @Test
    void a_configured_secret_verifies_tokens() {
        runner.withPropertyValues("watch-together.gateway.tokens.secret=a-secret-of-sufficient-length")
                .run(context -> assertThat(context).hasSingleBean(AccessTokens.class));
    }
}
