package io.watchtogether.gateway.rooms;

import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.RoomLog;
import io.watchtogether.gateway.StompTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.BlockingQueue;

import static io.watchtogether.gateway.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

class RoomCommandControllerTest extends GatewayIntegrationTest {

    @Test
    void a_seek_becomes_a_Seek_command_from_the_caller_and_its_rejection_an_error() {
        String roomId = newRoomId();
        StompTestClient alice = connect("alice");
        long before = System.currentTimeMillis();

        alice.send("/app/rooms." + roomId + ".playback", "{\"action\":{\"type\":\"seek\",\"data\":{\"currentTime\":120}}}");

        CommandEnvelope command = nextCommand(roomId);
        assertThat(command.command()).isEqualTo(new RoomCommand.Seek(120));
        assertThat(command.actor()).isEqualTo(new Actor("alice", "alice-name"));
        assertThat(command.commandId()).isNotBlank();
        assertThat(command.issuedAt()).isGreaterThanOrEqualTo(before);

        answer(CommandResult.rejected(command.commandId(), RoomLog.created(roomId, "bob").state(),
                Rejection.of(Rejection.Reason.NOT_ALLOWED, "Only the admin may control playback")));

        JsonNode error = alice.nextReply("error");
        assertThat(error.get("status").asInt()).isEqualTo(403);
        assertThat(error.get("code").asString()).isEqualTo("NOT_ALLOWED");
        assertThat(error.get("message").asString()).isEqualTo("Only the admin may control playback");
        assertThat(error.get("command").asString()).isEqualTo("Seek");
        assertThat(error.get("roomId").asString()).isEqualTo(roomId);
    }

    @Test
    void an_accepted_join_is_answered_with_the_initial_state_and_the_user_may_subscribe_at_once() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        project(room);
        StompTestClient bob = connect("bob");

        bob.send("/app/rooms." + room.roomId() + ".join", "");
        CommandEnvelope join = nextCommand(room.roomId());
        assertThat(join.command()).isEqualTo(new RoomCommand.JoinRoom());
        room.join("bob");
        answer(CommandResult.accepted(join.commandId(), room.state(), 1));

        JsonNode initial = bob.nextReply("initial_state");
        assertThat(initial.get("roomId").asString()).isEqualTo(room.roomId());
        assertThat(initial.get("version").asLong()).isEqualTo(3);
        assertThat(initial.get("adminId").asString()).isEqualTo("alice");
        assertThat(initial.get("participants").findValuesAsString("userId")).containsExactly("alice", "bob");
        assertThat(initial.at("/currentState/mediaId").asString()).isEqualTo("666243");

        // Redis still has the room without bob: the accepted result is what lets him in.
        BlockingQueue<JsonNode> events = bob.subscribe("/topic/rooms." + room.roomId());
        bob.roundTrip();
        append(room.play("alice"));
        assertThat(next(events).get("version").asLong()).isEqualTo(4);
    }

    @Test
    void create_makes_a_room_with_a_new_id_and_answers_room_created() {
        StompTestClient alice = connect("alice");

        alice.send("/app/rooms.create",
                "{\"name\":\"Movie Night\",\"mediaId\":\"666243\",\"mediaType\":\"movie\",\"adminId\":\"alice\"}");

        CommandEnvelope create = nextCommand(c -> c.actor().userId().equals("alice")
                && c.command() instanceof RoomCommand.CreateRoom);
        assertThat(create.roomId()).matches("[0-9A-Za-z]{12}");
        assertThat(((RoomCommand.CreateRoom) create.command()).name()).isEqualTo("Movie Night");
        answer(CommandResult.accepted(create.commandId(), RoomLog.created(create.roomId(), "alice").state(), 2));

        JsonNode created = alice.nextReply("room_created");
        assertThat(created.get("roomId").asString()).isEqualTo(create.roomId());
        assertThat(created.get("name").asString()).isEqualTo("Movie night");
        assertThat(created.get("adminId").asString()).isEqualTo("alice");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON            | {"action":                                                        | 400 | INVALID_REQUEST
            an unknown action type    | {"action":{"type":"dance","data":{}}}                            | 400 | INVALID_REQUEST
            a negative position       | {"action":{"type":"seek","data":{"currentTime":-1}}}             | 400 | INVALID_REQUEST
            a rate of 5               | {"action":{"type":"setPlaybackRate","data":{"rate":5}}}          | 400 | INVALID_REQUEST
            another user's id in body | {"action":{"type":"play","data":{}},"userId":"mallory"}          | 403 | IDENTITY_MISMATCH
            """)
    void bad_input_is_answered_with_an_error_and_never_reaches_kafka(String what, String body, int status, String code) {
        String roomId = newRoomId();
        StompTestClient alice = connect("alice");

        alice.send("/app/rooms." + roomId + ".playback", body);

        JsonNode error = alice.nextReply("error");
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("roomId").asString()).isEqualTo(roomId);
        assertThat(error.get("message").asString()).isNotBlank();
        // Frames of a session are handled in order: the first command of the room must be the next one.
        alice.send("/app/rooms." + roomId + ".playback", "{\"action\":{\"type\":\"pause\"}}");
        assertThat(nextCommand(roomId).command()).isEqualTo(new RoomCommand.Pause());
    }

    @Test
    void a_command_without_a_result_in_time_is_answered_with_a_timeout_error() {
        String roomId = newRoomId();
        StompTestClient alice = connect("alice");

        alice.send("/app/rooms." + roomId + ".leave", "{}");

        assertThat(nextCommand(roomId).command()).isEqualTo(new RoomCommand.LeaveRoom("left"));
        JsonNode error = alice.nextReply("error");
        assertThat(error.get("status").asInt()).isEqualTo(504);
        assertThat(error.get("code").asString()).isEqualTo("COMMAND_TIMEOUT");
        assertThat(error.get("command").asString()).isEqualTo("LeaveRoom");
    }

    @Test
    void sync_answers_a_participant_from_the_read_model() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        room.seek("alice", 42);
        project(room);
        StompTestClient alice = connect("alice");

        alice.send("/app/rooms." + room.roomId() + ".sync", "{\"userId\":\"alice\"}");

        JsonNode sync = alice.nextReply("sync_response");
        assertThat(sync.get("version").asLong()).isEqualTo(3);
        assertThat(sync.at("/currentState/currentTime").asDouble()).isEqualTo(42.0);
        assertThat(sync.get("adminId").asString()).isEqualTo("alice");
    }

    @Test
    void sync_refuses_a_non_participant_and_an_unknown_room() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        project(room);
        StompTestClient mallory = connect("mallory");

        mallory.send("/app/rooms." + room.roomId() + ".sync", "");
        assertThat(mallory.nextReply("error").get("status").asInt()).isEqualTo(403);

        mallory.send("/app/rooms." + newRoomId() + ".sync", "");
        assertThat(mallory.nextReply("error").get("status").asInt()).isEqualTo(404);
    }
}
