package io.watchtogether.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import io.watchtogether.command.api.ApiClient;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole flow of the integration guide through public interfaces only: REST on command-api, STOMP on
 * sync-gateway, and the MongoDB history the projector writes.
 */
@WithInfrastructure
class WatchTogetherEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RunningSystem system;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        system = RunningSystem.start();
        api = new ApiClient(system.apiPort());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void two_friends_watch_a_movie_and_a_show_together() throws Exception {
        ApiClient.User alice = api.register("alice-" + System.nanoTime());
        ApiClient.User bob = api.register("bob-" + System.nanoTime());

        ApiClient.Response created = api.post("/auth/watch-together/rooms", alice.token(), Map.of(
                "name", "Movie Night", "mediaId", "666243", "mediaType", "movie", "adminId", alice.userId()));
        assertThat(created.status()).isEqualTo(201);
        String roomId = created.data().get("roomId").asString();
        assertThat(created.data().get("adminId").asString()).isEqualTo(alice.userId());
        assertThat(created.data().at("/currentState/providerId").asString()).isEqualTo("vidnest");

        try (StompSession bobs = StompSession.connect(system.gatewayPort(), bob.token())) {
            bobs.subscribe("/user/queue/rooms");
            bobs.send("/app/rooms." + roomId + ".join", Map.of("userId", bob.userId()));
            JsonNode initial = bobs.next("initial_state", WAIT);
            assertThat(initial.get("roomId").asString()).isEqualTo(roomId);
            assertThat(initial.get("version").asLong()).isEqualTo(3);
            assertThat(initial.get("participants")).extracting(p -> p.get("userId").asString())
                    .containsExactly(alice.userId(), bob.userId());
            bobs.subscribe("/topic/rooms." + roomId);

            String playback = "/auth/watch-together/rooms/" + roomId + "/playback";
            assertThat(api.post(playback, alice.token(), action("play", Map.of())).status()).isEqualTo(200);
            JsonNode play = bobs.next("playback_updated", WAIT);
            assertThat(play.at("/action/type").asString()).isEqualTo("play");
            assertThat(play.at("/state/isPlaying").asBoolean()).isTrue();
            assertGuideFields(play, roomId, 4, alice.userId());

            assertThat(api.post(playback, alice.token(), action("seek", Map.of("currentTime", 120))).status()).isEqualTo(200);
            JsonNode seek = bobs.next("playback_updated", WAIT);
            assertThat(seek.at("/action/type").asString()).isEqualTo("seek");
            assertThat(seek.at("/action/data/currentTime").asDouble()).isEqualTo(120.0);
            assertThat(seek.at("/state/currentTime").asDouble()).isEqualTo(120.0);
            assertGuideFields(seek, roomId, 5, alice.userId());

            assertThat(api.post(playback, alice.token(), action("setPlaybackRate", Map.of("rate", 1.5))).status()).isEqualTo(200);
            JsonNode rate = bobs.next("playback_updated", WAIT);
            assertThat(rate.at("/action/type").asString()).isEqualTo("setPlaybackRate");
            assertThat(rate.at("/state/playbackRate").asDouble()).isEqualTo(1.5);
            assertGuideFields(rate, roomId, 6, alice.userId());

            assertThat(api.post(playback, alice.token(), action("changeProvider", Map.of("provider", "vidsrc"))).status())
                    .isEqualTo(200);
            JsonNode provider = bobs.next("provider_changed", WAIT);
            assertThat(provider.at("/action/data/provider").asString()).isEqualTo("vidsrc");
            assertThat(provider.at("/state/providerId").asString()).isEqualTo("vidsrc");
            assertThat(provider.at("/state/embedUrl").asString()).isEqualTo("https://vidsrc.to/embed-666243");
            assertGuideFields(provider, roomId, 7, alice.userId());

            // The read model catches up asynchronously; once it has version 7, sync answers exactly what Redis holds.
            JsonNode sync = await().atMost(WAIT).until(() -> {
                bobs.send("/app/rooms." + roomId + ".sync", Map.of("userId", bob.userId()));
                return bobs.next("sync_response", WAIT);
            }, response -> response.get("version").asLong() == 7);
            JsonNode stored = api.get("/auth/watch-together/rooms/" + roomId, bob.token()).data();
            assertThat(sync.get("currentState")).isEqualTo(stored.get("currentState"));
            assertThat(sync.at("/currentState/providerId").asString()).isEqualTo("vidsrc");
            assertThat(sync.at("/currentState/playbackRate").asDouble()).isEqualTo(1.5);
            assertThat(sync.get("adminId").asString()).isEqualTo(alice.userId());

            assertThat(api.post("/auth/watch-together/rooms/" + roomId + "/transfer-admin", alice.token(),
                    Map.of("currentAdminId", alice.userId(), "newAdminId", bob.userId())).status()).isEqualTo(200);
            JsonNode adminChanged = bobs.next("admin_changed", WAIT);
            assertThat(adminChanged.get("newAdmin").asString()).isEqualTo(bob.userId());
            assertThat(adminChanged.get("oldAdmin").asString()).isEqualTo(alice.userId());
            assertThat(adminChanged.get("version").asLong()).isEqualTo(8);

            bobs.send("/app/rooms." + roomId + ".kick-user", Map.of("userIdToKick", alice.userId()));
            JsonNode kicked = bobs.next("user_kicked", WAIT);
            assertThat(kicked.get("kickedUserId").asString()).isEqualTo(alice.userId());
            assertThat(kicked.get("participants")).extracting(p -> p.get("userId").asString()).containsExactly(bob.userId());
            assertThat(kicked.get("version").asLong()).isEqualTo(9);

            ApiClient.Response rejoin = api.post("/auth/watch-together/rooms/" + roomId + "/join", alice.token(), Map.of());
            assertThat(rejoin.status()).isEqualTo(403);
            assertThat(rejoin.contentType()).startsWith("application/problem+json");

            ApiClient.Response show = api.post("/auth/watch-together/rooms", bob.token(), Map.of(
                    "name", "Series Night", "mediaId", "1399", "mediaType", "tv", "providerId", "embed"));
            assertThat(show.status()).isEqualTo(201);
            String showId = show.data().get("roomId").asString();
            bobs.subscribe("/topic/rooms." + showId);
            assertThat(api.post("/auth/watch-together/rooms/" + showId + "/playback", bob.token(),
                    action("changeEpisode", Map.of("episode", 2, "season", 1))).status()).isEqualTo(200);
            JsonNode episode = bobs.next("episode_changed", WAIT);
            assertThat(episode.get("roomId").asString()).isEqualTo(showId);
            assertThat(episode.at("/state/episode").asInt()).isEqualTo(2);
            assertThat(episode.at("/state/embedUrl").asString()).isEqualTo("https://embed.stream/embed/tv/1399/1/2");

            assertHistoryInOrder(roomId, List.of("room_created", "user_joined", "user_joined", "playback_updated",
                    "playback_updated", "playback_updated", "provider_changed", "admin_changed", "user_kicked"));
            assertHistoryInOrder(showId, List.of("room_created", "user_joined", "episode_changed"));
        }
    }

    private static void assertGuideFields(JsonNode message, String roomId, long version, String userId) {
        assertThat(message.get("roomId").asString()).isEqualTo(roomId);
        assertThat(message.get("version").asLong()).isEqualTo(version);
        assertThat(message.get("userId").asString()).isEqualTo(userId);
        assertThat(message.get("serverTime").asLong()).isPositive();
        assertThat(message.get("timestamp").asLong()).isPositive();
        assertThat(message.get("state").has("anchorTime")).isTrue();
    }

    private static void assertHistoryInOrder(String roomId, List<String> guideTypes) {
        try (MongoClient mongo = MongoClients.create(TestInfrastructure.get().mongoUri())) {
            await().atMost(WAIT).untilAsserted(() -> {
                List<Document> history = mongo.getDatabase("watchtogether").getCollection("room_history")
                        .find(new Document("roomId", roomId)).sort(Sorts.ascending("version"))
                        .into(new ArrayList<>());
                assertThat(history).extracting(d -> d.getString("shortType")).containsExactlyElementsOf(guideTypes);
                assertThat(history).extracting(d -> ((Number) d.get("version")).longValue())
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, guideTypes.size())
                                .boxed().toList());
            });
        }
    }

    private static Map<String, Object> action(String type, Map<String, Object> data) {
        return Map.of("action", Map.of("type", type, "data", data));
    }
}
