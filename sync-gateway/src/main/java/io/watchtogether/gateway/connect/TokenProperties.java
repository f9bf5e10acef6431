package io.watchtogether.gateway.connect;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway verifies access tokens.
 *
 * @param secret the HS256 secret shared with command-api, which issues the tokens ({@code JWT_SECRET})
 */
@Validated
@ConfigurationProperties("watch-together.gateway.tokens")
public record TokenProperties(
        @NotBlank(message = "is missing: set JWT_SECRET to the secret command-api signs tokens with")
        @Size(min = 16, message = "must be at least 16 characters (JWT_SECRET)")
        String secret) {
}
