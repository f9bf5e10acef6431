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
 * @param textBufferSize        the WebSocket container's per-session buffer for an inbound text frame, in
 *                              characters: the largest frame a client may send (a longer one closes the
 *                              connection with 1009); it is allocated for every session, so it sets most of a
 *                              session's memory
 * @param binaryBufferSize      the per-session buffers for reading frames and for inbound binary frames, in bytes
 * @param socketBufferSize      Tomcat's per-connection read and write buffers, in bytes ({@code socket.appReadBufSize},
 *                              {@code socket.appWriteBufSize}, 8 KiB each by default): every WebSocket session holds
 *                              a connection for its whole life, and its frames are small
 * @param binaryFrames          send STOMP frames to clients in binary WebSocket frames (same bytes: the STOMP
 *                              frame, {@code content-type: application/json}) instead of text ones, which spares
 *                              the container re-encoding every outbound frame to UTF-8 character by character;
 *                              STOMP over WebSocket allows both and {@code @stomp/stompjs} reads both, but a client
 *                              that only handles text frames would not
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
        @DefaultValue("false") boolean sockJs,
        @DefaultValue("4096") @Min(1024) int textBufferSize,
        @DefaultValue("1024") @Min(256) int binaryBufferSize,
        @DefaultValue("2048") @Min(512) int socketBufferSize,
        @DefaultValue("false") boolean binaryFrames) {
}
