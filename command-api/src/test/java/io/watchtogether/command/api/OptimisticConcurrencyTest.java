package io.watchtogether.command.api;

import io.watchtogether.command.processor.RoomProcessor;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomEvent;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code If-Match} makes a write conditional on the room's version, which every write answers as its ETag. */
@CommandApiTest
class OptimisticConcurrencyTest {

    @LocalServerPort
    int port;

    @Autowired
    RoomProcessor processor;

    private ApiRequests api;
    private ApiClient.User alice;
    private String roomId;
    private String roomVersion;

    @BeforeEach
    void aRoomExists() {
        ProcessorReady.awaitRunning(processor);
        ApiClient accounts = new ApiClient(port);
        api = new ApiRequests(port);
        alice = accounts.register("alice-" + System.nanoTime());
        ApiRequests.Answer created = api.post("/auth/watch-together/rooms", alice.token(),
                Map.of("name", "Movie Night", "mediaId", "666243", "mediaType", "movie"), Map.of());
        assertThat(created.status()).isEqualTo(201);
        roomId = created.data().get("roomId").asString();
        roomVersion = created.etag();
    }

    @Test
    void a_stale_if_match_is_a_409_naming_the_current_version_and_appends_nothing() {
        ApiRequests.Answer seek = seek(120, roomVersion);
        assertThat(seek.status()).isEqualTo(200);
        long current = version(seek.etag());
        Map<TopicPartition, Long> before = RoomEventsLog.endOffsets();

        ApiRequests.Answer stale = seek(30, roomVersion);

        assertThat(stale.status()).as("%s", stale).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.body().get("currentVersion").asLong()).isEqualTo(current);
        assertThat(stale.body().get("detail").asString()).contains(Long.toString(current));
        assertThat(RoomEventsLog.endOffsets()).isEqualTo(before);
    }

    @Test
    void a_matching_if_match_is_accepted_and_answers_the_next_version() {
        ApiRequests.Answer seek = seek(120, roomVersion);

        assertThat(seek.status()).as("%s", seek).isEqualTo(200);
        assertThat(version(seek.etag())).isEqualTo(version(roomVersion) + 1);
        assertThat(seek.data().get("state").get("currentTime").asDouble()).isEqualTo(120.0);
        List<EventEnvelope> log = RoomEventsLog.eventsOf(roomId);
        assertThat(log.get(log.size() - 1).event()).isInstanceOf(RoomEvent.PlaybackSeeked.class);
        assertThat(log.get(log.size() - 1).version()).isEqualTo(version(seek.etag()));
    }

    private ApiRequests.Answer seek(double seconds, String ifMatch) {
        return api.post("/auth/watch-together/rooms/" + roomId + "/playback", alice.token(),
                Map.of("action", Map.of("type", "seek", "data", Map.of("currentTime", seconds))),
                Map.of("If-Match", ifMatch));
    }

    private static long version(String etag) {
        return Long.parseLong(etag.replace("\"", ""));
    }
}
