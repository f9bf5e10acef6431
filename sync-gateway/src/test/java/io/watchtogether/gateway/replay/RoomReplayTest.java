package io.watchtogether.gateway.replay;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;
import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.StompTestClient;
import io.watchtogether.projector.ProjectorProperties;
import io.watchtogether.projector.history.MongoRoomHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;

import static io.watchtogether.gateway.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Replays of a history recorded by room-projector's own writer (the projector does not run here): timing,
 * order, who may replay, and a second replay cancelling the first.
 */
class RoomReplayTest extends GatewayIntegrationTest {

    private static final long T0 = 1_700_000_000_000L;
    /** Generous: two cores are shared by Kafka, Redis, Mongo, the gateway, the test client and other builds. */
    private static final long TOLERANCE_MS = 80;

    @Autowired
    MongoTemplate mongo;

    private MongoRoomHistory recorder;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void recorder() {
        // The projector's defaults (its history collection among them), whatever else its properties hold.
        recorder = new MongoRoomHistory(mongo, new Binder().bindOrCreate("watch-together.projector", ProjectorProperties.class));
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = "alice-" + run;
        bob = "bob-" + run;
        carol = "carol-" + run;
    }

    @Test
    void a_replay_at_10x_re_emits_the_events_in_order_with_a_tenth_of_their_gaps() {
        // Created and joined at once, played 1 s later, sought 2 s after that.
        RoomLog room = RoomLog.created(newRoomId(), alice, T0);
        room.append(T0 + 1_000, new RoomEvent.PlaybackStarted(alice, room.state.playback().playingAt(T0 + 1_000)));
        room.append(T0 + 3_000, new RoomEvent.PlaybackSeeked(alice, room.state.playback().seekedTo(42, T0 + 3_000)));
        record(room);
        StompTestClient client = connect(alice);
        BlockingQueue<JsonNode> replay = client.subscribe(ReplayQueue.USER_DESTINATION);

        client.send("/app/rooms." + room.roomId() + ".replay", "{\"speed\":10}");

        List<JsonNode> messages = List.of(next(replay), next(replay), next(replay), next(replay));
        assertThat(messages).extracting(m -> m.get("version").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(messages).extracting(m -> m.get("type").asString())
                .containsExactly("room_created", "user_joined", "playback_updated", "playback_updated");
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.get("replay").asBoolean()).isTrue();
            assertThat(m.get("roomId").asString()).isEqualTo(room.roomId());
            assertThat(m.get("replayId").asString()).isEqualTo(messages.get(0).get("replayId").asString());
        });
        assertThat(messages).extracting(m -> m.get("originalTime").asLong())
                .containsExactly(T0, T0, T0 + 1_000, T0 + 3_000);
        assertThat(messages.get(3).at("/action/type").asString()).isEqualTo("seek");
        assertThat(messages.get(3).at("/state/currentTime").asDouble()).isEqualTo(42);
        // When the gateway sent each one (serverTime): what arrives in between is the network's and the client's.
        List<Long> sent = messages.stream().map(m -> m.get("serverTime").asLong()).toList();
        assertThat(sent.get(1) - sent.get(0)).as("gap of 0 s").isCloseTo(0, within(TOLERANCE_MS));
        assertThat(sent.get(2) - sent.get(1)).as("gap of 1 s at 10x").isCloseTo(100, within(TOLERANCE_MS));
        assertThat(sent.get(3) - sent.get(2)).as("gap of 2 s at 10x").isCloseTo(200, within(TOLERANCE_MS));

        JsonNode finished = next(replay);
        assertThat(finished.get("type").asString()).isEqualTo("replay_finished");
        assertThat(finished.get("roomId").asString()).isEqualTo(room.roomId());
        assertThat(finished.get("events").asInt()).isEqualTo(4);
        assertThat(finished.get("replayId").asString()).isEqualTo(messages.get(0).get("replayId").asString());
    }

    @Test
    void a_participant_who_left_and_a_kicked_one_may_replay_from_a_version_on() {
        RoomLog room = RoomLog.created(newRoomId(), alice, T0);
        room.join(T0 + 1_000, bob);
        room.append(T0 + 2_000, new RoomEvent.ParticipantLeft(bob, "left", room.state.participantsWithout(bob)));
        room.join(T0 + 3_000, carol);
        room.append(T0 + 4_000, new RoomEvent.ParticipantKicked(carol, alice, room.state.participantsWithout(carol)));
        record(room);

        for (String user : List.of(bob, carol)) {
            StompTestClient client = connect(user);
            BlockingQueue<JsonNode> replay = client.subscribe(ReplayQueue.USER_DESTINATION);

            client.send("/app/rooms." + room.roomId() + ".replay", "{\"speed\":100,\"fromVersion\":4}");

            assertThat(List.of(next(replay), next(replay), next(replay))).extracting(m -> m.get("type").asString())
                    .as("replayed to %s", user).containsExactly("user_left", "user_joined", "user_kicked");
            JsonNode finished = next(replay);
            assertThat(finished.get("type").asString()).isEqualTo("replay_finished");
            assertThat(finished.get("events").asInt()).isEqualTo(3);
        }
    }

    @Test
    void a_stranger_is_refused_with_403() {
        RoomLog room = RoomLog.created(newRoomId(), alice, T0);
        record(room);
        StompTestClient stranger = connect("dave-" + UUID.randomUUID());
        BlockingQueue<JsonNode> replay = stranger.subscribe(ReplayQueue.USER_DESTINATION);

        stranger.send("/app/rooms." + room.roomId() + ".replay", "{}");

        expectError(next(replay), room.roomId(), 403, "NOT_A_PARTICIPANT");
    }

    @Test
    void a_room_without_history_is_404() {
        StompTestClient client = connect(alice);
        BlockingQueue<JsonNode> replay = client.subscribe(ReplayQueue.USER_DESTINATION);
        String roomId = newRoomId();

        client.send("/app/rooms." + roomId + ".replay", "{\"speed\":2}");

        expectError(next(replay), roomId, 404, "ROOM_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"speed\":0}", "{\"speed\":0.5}", "{\"speed\":101}", "{\"speed\":\"fast\"}",
            "{\"fromVersion\":0}", "{\"fromVersion\":1.5}", "{\"speed\":"})
    void a_bad_speed_or_version_is_400(String body) {
        RoomLog room = RoomLog.created(newRoomId(), alice, T0);
        record(room);
        StompTestClient client = connect(alice);
        BlockingQueue<JsonNode> replay = client.subscribe(ReplayQueue.USER_DESTINATION);

        client.send("/app/rooms." + room.roomId() + ".replay", body);

        expectError(next(replay), room.roomId(), 400, "INVALID_REQUEST");
    }

    @Test
    void a_second_replay_from_the_same_session_cancels_the_first() {
        // At 1x the third event comes 1.5 s after the first two.
        RoomLog room = RoomLog.created(newRoomId(), alice, T0);
        room.append(T0 + 1_500, new RoomEvent.PlaybackStarted(alice, room.state.playback().playingAt(T0 + 1_500)));
        record(room);
        StompTestClient client = connect(alice);
        BlockingQueue<JsonNode> replay = client.subscribe(ReplayQueue.USER_DESTINATION);
        String destination = "/app/rooms." + room.roomId() + ".replay";

        client.send(destination, "{\"speed\":1}");
        String first = next(replay).get("replayId").asString();
        client.send(destination, "{\"speed\":100}");

        List<JsonNode> second = new ArrayList<>();
        JsonNode message;
        do {
            message = next(replay);
            if (!first.equals(message.get("replayId").asString())) {
                second.add(message);
            }
        } while (!"replay_finished".equals(message.get("type").asString()));
        assertThat(second).extracting(m -> m.path("version").asLong(0))
                .containsExactly(1L, 2L, 3L, 0L);
        assertThat(message.get("events").asInt()).isEqualTo(3);
        // The first replay's third event was due 1.5 s after it started: it must never come.
        await("no further message of the cancelled replay").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> replay.stream().noneMatch(m -> first.equals(m.get("replayId").asString())));
    }

    private void record(RoomLog room) {
        room.events.forEach(recorder::append);
    }

    private static void expectError(JsonNode error, String roomId, int status, String code) {
        assertThat(error.get("type").asString()).as("%s", error).isEqualTo("error");
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("command").asString()).isEqualTo("replay");
        assertThat(error.get("roomId").asString()).isEqualTo(roomId);
        assertThat(error.get("message").asString()).isNotBlank();
    }

    /** A room's log written by hand, each event at the time given. */
    private static final class RoomLog {
        private final List<EventEnvelope> events = new ArrayList<>();
        private RoomState state;

        private RoomLog(String roomId) {
            this.state = RoomState.initial(roomId);
        }

        /** Created by {@code adminId}, who joins at the same moment. */
        static RoomLog created(String roomId, String adminId, long time) {
            RoomLog log = new RoomLog(roomId);
            log.append(time, new RoomEvent.RoomCreated("Movie night", adminId, false, 10, time,
                    PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, time)));
            log.join(time, adminId);
            return log;
        }

        String roomId() {
            return state.roomId();
        }

        void join(long time, String userId) {
            Participant joining = new Participant(userId, userId, time);
            append(time, new RoomEvent.ParticipantJoined(userId, userId, time, state.participantsWith(joining)));
        }

        void append(long time, RoomEvent event) {
            long version = state.version() + 1;
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), state.roomId(), version, time,
                    "command-" + version, "replay-test", event);
            state = state.evolve(envelope);
            events.add(envelope);
        }
    }
}
