package io.watchtogether.command.api;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.command.processor.RoomProcessor;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomEvent;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command retried with the same {@code Idempotency-Key} yields its first result again and no second event,
 * through either of two command-api instances and after the room's processor task moved to another instance
 * (the remembered keys come back from their changelog).
 */
@CommandApiTest
class IdempotentCommandTest {

    private static final int TOPIC_PARTITIONS = 6;
    private static final int MAX_ROOMS_TRIED = 40;

    @LocalServerPort
    int port;

    @Autowired
    RoomProcessor processor;

    private ApiRequests api;
    private ApiClient.User alice;
    private ApiClient.User bob;
    private ConfigurableApplicationContext second;

    @BeforeEach
    void twoUsers() {
        ProcessorReady.awaitRunning(processor);
        ApiClient accounts = new ApiClient(port);
        api = new ApiRequests(port);
        alice = accounts.register("alice-" + System.nanoTime());
        bob = accounts.register("bob-" + System.nanoTime());
    }

    @AfterEach
    void stopTheSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
        // The remaining instance takes every room partition back before other tests send commands.
        await().atMost(Duration.ofSeconds(60)).until(() -> processor.activeTaskCount() == TOPIC_PARTITIONS);
    }

    @Test
    void a_seek_retried_five_times_through_two_instances_and_a_task_move_gives_one_event_and_five_identical_results() {
        second = CommandApiApplication.run(
                "--server.port=0",
                "--watch-together.jwt.secret=" + CommandApiTest.SECRET,
                "--watch-together.accounts.bcrypt-cost=4",
                "--watch-together.api.command-timeout=20s");
        RoomProcessor secondProcessor = second.getBean(RoomProcessor.class);
        ProcessorReady.awaitRunning(processor, secondProcessor);
        await().atMost(Duration.ofSeconds(60)).until(() -> !secondProcessor.activePartitions().isEmpty()
                && processor.activeTaskCount() + secondProcessor.activeTaskCount() == TOPIC_PARTITIONS);
        ApiRequests viaSecond = new ApiRequests(((WebServerApplicationContext) second).getWebServer().getPort());
        // A room the second instance processes, so that closing it moves the room (and its keys) to the first.
        String roomId = roomProcessedBy(secondProcessor);
        assertThat(api.post(path(roomId, "join"), bob.token(), Map.of(), Map.of()).status()).isEqualTo(200);
        Map<String, String> key = Map.of("Idempotency-Key", "seek-" + UUID.randomUUID());
        Map<String, Object> seek = Map.of("action", Map.of("type", "seek", "data", Map.of("currentTime", 754.5)));

        List<ApiRequests.Answer> answers = new ArrayList<>();
        for (ApiRequests instance : List.of(api, viaSecond, api, viaSecond)) {
            answers.add(instance.post(path(roomId, "playback"), alice.token(), seek, key));
        }
        second.close();
        second = null;
        await().atMost(Duration.ofSeconds(60)).until(() -> processor.activeTaskCount() == TOPIC_PARTITIONS);
        answers.add(api.post(path(roomId, "playback"), alice.token(), seek, key));

        assertThat(answers.get(0).status()).as("%s", answers.get(0)).isEqualTo(200);
        assertThat(answers).hasSize(5).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
        assertThat(seeksOf(roomId)).hasSize(1);

        // The same key from another user is another command.
        ApiRequests.Answer bobsSeek = api.post(path(roomId, "playback"), bob.token(), seek, key);
        assertThat(bobsSeek.status()).isEqualTo(200);
        assertThat(bobsSeek.etag()).isNotEqualTo(answers.get(0).etag());
        assertThat(seeksOf(roomId)).hasSize(2);
    }

    @Test
    void a_create_retried_with_the_same_key_makes_one_room() {
        Map<String, String> key = Map.of("Idempotency-Key", "create-" + UUID.randomUUID());
        Map<String, Object> room = Map.of("name", "Movie Night", "mediaId", "666243", "mediaType", "movie");

        ApiRequests.Answer first = api.post("/auth/watch-together/rooms", alice.token(), room, key);
        ApiRequests.Answer retry = api.post("/auth/watch-together/rooms", alice.token(), room, key);

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(retry).isEqualTo(first);
        String roomId = first.data().get("roomId").asString();
        assertThat(RoomEventsLog.eventsOf(roomId)).filteredOn(e -> e.event() instanceof RoomEvent.RoomCreated).hasSize(1);
        ApiRequests.Answer bobsCreate = api.post("/auth/watch-together/rooms", bob.token(), room, key);
        assertThat(bobsCreate.data().get("roomId").asString()).isNotEqualTo(roomId);
    }

    @Test
    void keys_that_are_not_1_to_128_visible_ascii_characters_are_refused_and_append_nothing() {
        String roomId = createRoom(api);
        Map<TopicPartition, Long> before = RoomEventsLog.endOffsets();
        Map<String, Object> play = Map.of("action", Map.of("type", "play", "data", Map.of()));

        for (String bad : List.of("x".repeat(129), "two words", "tab\there")) {
            ApiRequests.Answer answer = api.post(path(roomId, "playback"), alice.token(), play,
                    Map.of("Idempotency-Key", bad));
            assertThat(answer.status()).as("key '%s': %s", bad, answer).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_COMMAND");
        }
        assertThat(RoomEventsLog.endOffsets()).isEqualTo(before);
        ApiRequests.Answer longest = api.post(path(roomId, "playback"), alice.token(), play,
                Map.of("Idempotency-Key", "~".repeat(128)));
        assertThat(longest.status()).as("%s", longest).isEqualTo(200);
    }

    private String roomProcessedBy(RoomProcessor owner) {
        for (int i = 0; i < MAX_ROOMS_TRIED; i++) {
            String roomId = createRoom(api);
            if (owner.activePartitions().contains(partitionOf(roomId))) {
                return roomId;
            }
        }
        throw new AssertionError("No room of " + MAX_ROOMS_TRIED + " landed on " + owner.activePartitions());
    }

    private String createRoom(ApiRequests via) {
        ApiRequests.Answer created = via.post("/auth/watch-together/rooms", alice.token(),
                Map.of("name", "Movie Night", "mediaId", "666243", "mediaType", "movie"), Map.of());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.data().get("roomId").asString();
    }

    /** The partition the producer's default partitioner picks for a room id key. */
    private static int partitionOf(String roomId) {
        return Utils.toPositive(Utils.murmur2(roomId.getBytes(StandardCharsets.UTF_8))) % TOPIC_PARTITIONS;
    }

    private static List<EventEnvelope> seeksOf(String roomId) {
        return RoomEventsLog.eventsOf(roomId).stream()
                .filter(e -> e.event() instanceof RoomEvent.PlaybackSeeked)
                .toList();
    }

    private static String path(String roomId, String action) {
        return "/auth/watch-together/rooms/" + roomId + "/" + action;
    }
}
