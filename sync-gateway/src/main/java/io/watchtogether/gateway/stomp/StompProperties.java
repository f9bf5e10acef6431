package io.watchtogether.gateway.stomp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * The STOMP endpoint and its limits.
 *
 * @param allowedOriginPatterns origins allowed to open the WebSocket ({@code CORS_ORIGIN}, comma separated;
 *                              patterns such as {@code https://*.example.com} are allowed)
 * @param messageSizeLimit      largest inbound STOMP frame in bytes
 * @param sendBufferSizeLimit   bytes buffered for one slow session before it is closed
 * @param sendTimeLimit         longest one send to a session may take before it is closed
 * @param serverHeartbeat       how often the server sends STOMP heart-beats (0 for never)
 * @param clientHeartbeat       how often the server expects the client's heart-beats (0 for never)
 * @param sockJs                whether to also serve SockJS at {@code /ws-sockjs}, for clients behind proxies
 *                              that break WebSocket
 */
@Validated
@ConfigurationProperties("watch-together.gateway.stomp")
public record StompProperties(
        @DefaultValue("*") @NotEmpty List<String> allowedOriginPatterns,
        @DefaultValue("65536") @Min(1024) int messageSizeLimit,
        @DefaultValue("524288") @Min(1024) int sendBufferSizeLimit,
        @DefaultValue("10s") @NotNull Duration sendTimeLimit,
        @DefaultValue("10s") @NotNull Duration serverHeartbeat,
        @DefaultValue("10s") @NotNull Duration clientHeartbeat,
        @DefaultValue("false") boolean sockJs) {
}
