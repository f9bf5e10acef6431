package io.watchtogether.command.history;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.command.api.ApiClient;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;
import io.watchtogether.infrastructure.WithInfrastructure;
import io.watchtogether.projector.ProjectorProperties;
import io.watchtogether.projector.history.MongoRoomHistory;
import io.watchtogether.tokens.AccessTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /rooms/{roomId}/history} over a history recorded by room-projector's own writer (the projector does
 * not run here): who may read it, and how it pages.
 */
@WithInfrastructure
@SpringBootTest(classes = CommandApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandApiApplication.CONFIG_NAME,
                "watch-together.jwt.secret=test-secret-for-command-api-tests",
                "watch-together.accounts.bcrypt-cost=4",
                "watch-together.api.command-timeout=20s"
        })
class RoomHistoryControllerTest {

    private static final long T0 = 1_700_000_000_000L;

    @LocalServerPort
    int port;
    @Autowired
    AccessTokens tokens;
    @Autowired
    MongoTemplate mongo;

    private ApiClient api;
    private String roomId;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void aRecordedSession() {
        api = new ApiClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        roomId = "room-" + run;
        alice = "alice-" + run;
        bob = "bob-" + run;
        carol = "carol-" + run;
        // Alice creates the room and plays, Bob joins and leaves, Carol joins and is kicked: versions 1 to 7.
        RoomLog log = new RoomLog(roomId);
        log.append(new RoomEvent.RoomCreated("Movie night", alice, false, 10, T0,
                PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, T0)));
        log.join(alice);
        log.join(bob);
        log.append(new RoomEvent.PlaybackStarted(alice, log.state.playback().playingAt(log.now())));
        log.append(new RoomEvent.ParticipantLeft(bob, "left", log.state.participantsWithout(bob)));
        log.join(carol);
        log.append(new RoomEvent.ParticipantKicked(carol, alice, log.state.participantsWithout(carol)));
        // The projector's defaults (its history collection among them), whatever else its properties hold.
        MongoRoomHistory writer = new MongoRoomHistory(mongo,
                new Binder().bindOrCreate("watch-together.projector", ProjectorProperties.class));
        log.events.forEach(writer::append);
    }

    @Test
    void a_present_participant_reads_who_did_what_and_when_in_version_order() {
        ApiClient.Response response = history(alice, "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("success").asBoolean()).isTrue();
        JsonNode data = response.data();
        assertThat(data.get("roomId").asString()).isEqualTo(roomId);
        assertThat(data.get("page").asInt()).isZero();
        assertThat(data.get("size").asInt()).isEqualTo(50);
        assertThat(data.get("total").asLong()).isEqualTo(7);
        JsonNode events = data.get("events");
        assertThat(events.findValuesAsString("type")).containsExactly("room_created", "user_joined", "user_joined",
                "playback_updated", "user_left", "user_joined", "user_kicked");
        assertThat(events.findValues("version")).extracting(JsonNode::asLong)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);

        JsonNode play = events.get(3);
        assertThat(play.get("ceType").asString()).isEqualTo("io.watchtogether.room.PlaybackStarted.v1");
        assertThat(play.get("userId").asString()).isEqualTo(alice);
        assertThat(play.get("time").asLong()).isEqualTo(T0 + 3_000);
        assertThat(play.get("correlationId").asString()).isEqualTo("command-4");
        assertThat(play.get("eventId").asString()).isNotBlank();
        assertThat(play.at("/payload/playback/isPlaying").asBoolean()).isTrue();
        JsonNode kick = events.get(6);
        assertThat(kick.get("userId").asString()).isEqualTo(carol);
        assertThat(kick.at("/payload/kickedBy").asString()).isEqualTo(alice);
    }

    @Test
    void a_participant_who_left_may_read_the_history() {
        ApiClient.Response response = history(bob, "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().get("total").asLong()).isEqualTo(7);
    }

    @Test
    void a_kicked_user_was_a_participant_and_may_read_the_history() {
        ApiClient.Response response = history(carol, "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().get("events")).hasSize(7);
    }

    @Test
    void a_stranger_is_refused_with_403() {
        ApiClient.Response response = history("dave-" + UUID.randomUUID(), "");

        expectProblem(response, 403, "NOT_ALLOWED");
        assertThat(response.body().toString()).doesNotContain("room_created");
    }

    @Test
    void a_room_that_never_existed_is_404() {
        ApiClient.Response response = api.get("/auth/watch-together/rooms/never-" + roomId + "/history",
                tokens.issue(alice, alice));

        expectProblem(response, 404, "ROOM_NOT_FOUND");
    }

    @Test
    void pages_follow_each_other_in_version_order() {
        JsonNode second = history(alice, "?page=1&size=3").data();
        JsonNode last = history(alice, "?page=2&size=3").data();
        JsonNode beyond = history(alice, "?page=3&size=3").data();

        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(3);
        assertThat(second.get("total").asLong()).isEqualTo(7);
        assertThat(second.get("events").findValues("version")).extracting(JsonNode::asLong).containsExactly(4L, 5L, 6L);
        assertThat(last.get("events").findValues("version")).extracting(JsonNode::asLong).containsExactly(7L);
        assertThat(beyond.get("events")).isEmpty();
        assertThat(history(alice, "?size=200").data().get("events")).hasSize(7);
    }

    @Test
    void bad_paging_is_400() {
        for (String query : List.of("?size=0", "?size=201", "?page=-1", "?page=0&size=-5")) {
            expectProblem(history(alice, query), 400, "INVALID_REQUEST");
        }
    }

    @Test
    void without_a_token_it_is_401() {
        expectProblem(api.get("/auth/watch-together/rooms/" + roomId + "/history", null), 401, "TOKEN_MISSING");
    }

    private ApiClient.Response history(String userId, String query) {
        return api.get("/auth/watch-together/rooms/" + roomId + "/history" + query, tokens.issue(userId, userId));
    }

    private static void expectProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("code").asString()).isEqualTo(code);
        assertThat(response.body().get("success").asBoolean()).isFalse();
    }

    /** A hand-written room log, one second between events. */
    private static final class RoomLog {
        private final List<EventEnvelope> events = new ArrayList<>();
        private RoomState state;

        RoomLog(String roomId) {
            state = RoomState.initial(roomId);
        }

        long now() {
            return T0 + events.size() * 1_000L;
        }

        void join(String userId) {
            Participant joining = new Participant(userId, userId, now());
            append(new RoomEvent.ParticipantJoined(userId, userId, joining.joinedAt(), state.participantsWith(joining)));
        }

        void append(RoomEvent event) {
            long version = state.version() + 1;
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), state.roomId(), version, now(),
                    "command-" + version, "history-test", event);
            state = state.evolve(envelope);
            events.add(envelope);
        }
    }
}
