package io.watchtogether.load;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST side of the public API: accounts and rooms on command-api, nothing else. */
final class SystemApi {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    record User(String username, String userId, String token) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SystemApi(URI base) {
        this.base = base;
    }

    User register(String username) {
        JsonNode data = post("/auth/register", null, Map.of("username", username, "password", "load-harness-password"));
        return new User(username, data.get("userId").asString(), data.get("token").asString());
    }

    String createRoom(User admin, String name) {
        return post("/auth/watch-together/rooms", admin.token(),
                Map.of("name", name, "mediaId", "666243", "mediaType", "movie")).get("roomId").asString();
    }

    void join(String roomId, User user) {
        post("/auth/watch-together/rooms/" + roomId + "/join", user.token(), Map.of());
    }

    /** Whether the read model (what subscriptions are checked against) shows the room with this many participants. */
    boolean readModelShows(String roomId, User user, int participants) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/auth/watch-together/rooms/" + roomId))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + user.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200
                    && JSON.readTree(response.body()).path("data").path("participants").size() >= participants;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode post(String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body()).path("data");
    }

    /** A number from an actuator metric ({@code measurements[0].value}), or null when it is not exposed. */
    Double metric(URI service, String name) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(service.resolve("/actuator/metrics/" + name))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode value = JSON.readTree(response.body()).path("measurements").path(0).path("value");
            return value.isNumber() ? value.asDouble() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
