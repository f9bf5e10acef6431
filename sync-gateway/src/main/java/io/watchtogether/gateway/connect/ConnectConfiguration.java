package io.watchtogether.gateway.connect;

import io.watchtogether.tokens.AccessTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class ConnectConfiguration {

    /** The gateway only verifies tokens; the lifetime applies to issuing, which command-api does. */
    private static final Duration UNUSED_ISSUING_LIFETIME = Duration.ofHours(1);

    @Bean
    AccessTokens accessTokens(TokenProperties properties) {
        return new AccessTokens(properties.secret(), UNUSED_ISSUING_LIFETIME);
    }
}
