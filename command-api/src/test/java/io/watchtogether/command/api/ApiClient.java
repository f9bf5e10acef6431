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

/** A plain HTTP client for the REST API, as any front end would use it (shared with system-tests). */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String contentType, JsonNode body) {
        public JsonNode data() {
            return body.get("data");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public record User(String userId, String username, String token) {
    }

    public User register(String username) {
        Response response = post("/auth/register", null, Map.of("username", username, "password", "correct horse"));
        if (response.status() != 201) {
            throw new IllegalStateException("register failed: " + response);
        }
        JsonNode data = response.data();
        return new User(data.get("userId").asString(), data.get("username").asString(), data.get("token").asString());
    }

    public Response post(String path, String token, Object body) {
        return postRaw(path, token, body == null ? "" : new String(RoomJson.write(body)));
    }

    public Response postRaw(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(request, token);
    }

    public Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET(), token);
    }

    private Response send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : RoomJson.mapper().readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
