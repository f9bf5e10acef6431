package io.watchtogether.command.api;

import io.watchtogether.command.processor.RoomProcessor;
import io.watchtogether.tokens.AccessTokens;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets a clear 4xx problem, and nothing of it reaches the log of record. */
@CommandApiTest
class BadInputTest {

    @LocalServerPort
    int port;

    @Autowired
    RoomProcessor processor;

    private ApiClient api;
    private ApiClient.User alice;
    private ApiClient.User bob;
    private String roomId;

    @BeforeEach
    void aRoomExists() {
        ProcessorReady.awaitRunning(processor);
        api = new ApiClient(port);
        alice = api.register("alice-" + System.nanoTime());
        bob = api.register("bob-" + System.nanoTime());
        ApiClient.Response created = api.post("/auth/watch-together/rooms", alice.token(),
                Map.of("name", "Movie Night", "mediaId", "666243", "mediaType", "movie"));
        assertThat(created.status()).isEqualTo(201);
        roomId = created.data().get("roomId").asString();
    }

    @Test
    void bad_requests_are_4xx_problems_and_append_nothing() {
        Map<TopicPartition, Long> before = RoomEventsLog.endOffsets();
        String playback = "/auth/watch-together/rooms/" + roomId + "/playback";

        expectProblem(api.postRaw(playback, alice.token(), "{\"action\": {\"type\": \"play\""), 400, "INVALID_REQUEST");
        expectProblem(api.postRaw(playback, alice.token(), "[1, 2]"), 400, "INVALID_REQUEST");
        expectProblem(api.post(playback, alice.token(), action("rewind", Map.of())), 400, "INVALID_REQUEST");
        expectProblem(api.post(playback, alice.token(), action("seek", Map.of("currentTime", -1))), 400, "INVALID_REQUEST");
        expectProblem(api.postRaw(playback, alice.token(),
                "{\"action\":{\"type\":\"seek\",\"data\":{\"currentTime\":1e999}}}"), 400, "INVALID_REQUEST");
        expectProblem(api.postRaw(playback, alice.token(),
                "{\"action\":{\"type\":\"seek\",\"data\":{\"currentTime\":\"NaN\"}}}"), 400, "INVALID_REQUEST");
        expectProblem(api.post(playback, alice.token(), action("setPlaybackRate", Map.of("rate", 5))), 400, "INVALID_REQUEST");
        expectProblem(api.post(playback, alice.token(), action("setPlaybackRate", Map.of("rate", 0.1))), 400, "INVALID_REQUEST");
        expectProblem(api.post(playback, alice.token(), action("changeProvider", Map.of("provider", "nope"))), 400, "INVALID_COMMAND");
        expectProblem(api.post("/auth/watch-together/rooms", alice.token(),
                Map.of("name", "x".repeat(101), "mediaId", "1", "mediaType", "movie")), 400, "INVALID_REQUEST");
        expectProblem(api.post("/auth/watch-together/rooms", alice.token(),
                Map.of("name", "ok", "mediaId", "1", "mediaType", "podcast")), 400, "INVALID_REQUEST");
        expectProblem(api.post("/auth/watch-together/rooms/no-such-room/join", bob.token(), Map.of()), 404, "ROOM_NOT_FOUND");
        expectProblem(api.get("/auth/watch-together/rooms/no-such-room", bob.token()), 404, "ROOM_NOT_FOUND");
        expectProblem(api.post(playback, bob.token(), action("play", Map.of())), 403, "NOT_ALLOWED");

        expectProblem(api.post(playback, null, action("play", Map.of())), 401, "TOKEN_MISSING");
        String forged = new AccessTokens("some-other-secret-entirely", Duration.ofHours(1)).issue(alice.userId(), "alice");
        expectProblem(api.post(playback, forged, action("play", Map.of())), 401, "TOKEN_INVALID");
        String expired = new AccessTokens(CommandApiTest.SECRET, Duration.ofMinutes(5),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)).issue(alice.userId(), "alice");
        expectProblem(api.post(playback, expired, action("play", Map.of())), 401, "TOKEN_EXPIRED");

        expectProblem(api.post(playback, alice.token(),
                Map.of("action", Map.of("type", "play", "data", Map.of()), "userId", bob.userId())), 403, "IDENTITY_MISMATCH");
        expectProblem(api.post("/auth/watch-together/rooms/" + roomId + "/kick-user", alice.token(),
                Map.of("adminId", bob.userId(), "userIdToKick", bob.userId())), 403, "IDENTITY_MISMATCH");
        expectProblem(api.post("/auth/watch-together/rooms/" + roomId + "/transfer-admin", bob.token(),
                Map.of("currentAdminId", alice.userId(), "newAdminId", bob.userId())), 403, "IDENTITY_MISMATCH");

        assertThat(RoomEventsLog.endOffsets()).isEqualTo(before);
    }

    @Test
    void unknown_routes_and_methods_are_problems_too() {
        ApiClient.Response missing = api.get("/auth/watch-together/nothing-here", alice.token());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        ApiClient.Response wrongMethod = api.get("/auth/watch-together/rooms/" + roomId + "/join", alice.token());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
    }

    @Test
    void registration_refuses_bad_or_taken_names_and_login_refuses_wrong_passwords() {
        expectProblem(api.post("/auth/register", null, Map.of("username", "x", "password", "correct horse")), 400, "INVALID_INPUT");
        expectProblem(api.post("/auth/register", null, Map.of("username", "someone", "password", "short")), 400, "INVALID_INPUT");
        expectProblem(api.post("/auth/register", null, Map.of("username", alice.username(), "password", "correct horse")),
                409, "USERNAME_TAKEN");
        expectProblem(api.post("/auth/login", null, Map.of("username", alice.username(), "password", "wrong horse")),
                401, "BAD_CREDENTIALS");
        ApiClient.Response login = api.post("/auth/login", null, Map.of("username", alice.username(), "password", "correct horse"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.data().get("userId").asString()).isEqualTo(alice.userId());
        assertThat(login.data().get("token").asString()).isNotBlank();
    }

    @Test
    void a_flood_of_commands_from_one_user_is_refused_with_429() {
        String playback = "/auth/watch-together/rooms/" + roomId + "/playback";
        List<ApiClient.Response> answers = IntStream.range(0, 100).parallel()
                .mapToObj(i -> api.post(playback, alice.token(), action("seek", Map.of("currentTime", i))))
                .toList();

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(200, 429));
        List<ApiClient.Response> refused = answers.stream().filter(r -> r.status() == 429).toList();
        assertThat(refused).isNotEmpty();
        expectProblem(refused.get(0), 429, "TOO_MANY_COMMANDS");
    }

    private static Map<String, Object> action(String type, Map<String, Object> data) {
        return Map.of("action", Map.of("type", type, "data", data));
    }

    private static void expectProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/problem+json");
        assertThat(response.body().get("code").asString()).as("code of %s", response).isEqualTo(code);
        assertThat(response.body().get("detail").asString()).as("detail of %s", response).isNotBlank();
        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
