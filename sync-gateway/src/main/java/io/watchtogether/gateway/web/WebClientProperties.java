package io.watchtogether.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the web client served at {@code /} needs to know of its surroundings.
 *
 * @param apiUrl the base URL browsers reach command-api at ({@code COMMAND_API_URL}); empty: the page's own
 *               host on port 3000, as in the local run
 */
@ConfigurationProperties("watch-together.gateway.web-client")
public record WebClientProperties(String apiUrl) {

    public WebClientProperties {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? null : apiUrl.strip().replaceAll("/+$", "");
    }
}
