package io.watchtogether.command.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param corsOrigins origins (patterns) browsers may call the API from ({@code CORS_ORIGIN}, comma-separated)
 */
@ConfigurationProperties("watch-together.web")
public record WebSettings(List<String> corsOrigins) {

    public WebSettings {
        corsOrigins = corsOrigins == null || corsOrigins.isEmpty() ? List.of("*") : List.copyOf(corsOrigins);
    }
}
