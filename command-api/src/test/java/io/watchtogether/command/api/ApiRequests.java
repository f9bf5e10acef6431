package io.watchtogether.command.api;

import io.watchtogether.events.RoomJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** REST writes with request headers ({@code If-Match}, {@code Idempotency-Key}) whose answers keep the ETag. */
final class ApiRequests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    ApiRequests(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** @param etag the {@code ETag} header, or null */
    record Answer(int status, String etag, JsonNode body) {
        JsonNode data() {
            return body.get("data");
        }

        String code() {
            return body.get("code").asString();
        }
    }

    Answer post(String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RoomJson.write(body)));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : RoomJson.mapper().readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("ETag").orElse(null), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
