package io.watchtogether.gateway.fanout;

import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.RoomLog;
import io.watchtogether.gateway.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.BlockingQueue;

import static io.watchtogether.gateway.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

class RoomEventFanOutTest extends GatewayIntegrationTest {

    @Test
    void a_participant_receives_the_rooms_events_in_log_order_as_the_guides_messages() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        project(room);
        StompTestClient alice = connect("alice");
        BlockingQueue<JsonNode> events = alice.subscribe("/topic/rooms." + room.roomId());
        alice.roundTrip();

        long before = System.currentTimeMillis();
        append(room.join("bob"), room.play("alice"));
        append(room.seek("bob", 120));

        JsonNode joined = next(events);
        assertThat(joined.get("type").asString()).isEqualTo("user_joined");
        assertThat(joined.get("userId").asString()).isEqualTo("bob");
        assertThat(joined.get("roomId").asString()).isEqualTo(room.roomId());
        assertThat(joined.get("version").asLong()).isEqualTo(3);
        assertThat(joined.get("participants").findValuesAsString("userId")).containsExactly("alice", "bob");
        assertThat(joined.get("serverTime").asLong()).isGreaterThanOrEqualTo(before);

        JsonNode played = next(events);
        assertThat(played.get("type").asString()).isEqualTo("playback_updated");
        assertThat(played.get("version").asLong()).isEqualTo(4);
        assertThat(played.get("userId").asString()).isEqualTo("alice");
        assertThat(played.at("/action/type").asString()).isEqualTo("play");
        assertThat(played.at("/state/isPlaying").asBoolean()).isTrue();

        JsonNode seeked = next(events);
        assertThat(seeked.get("type").asString()).isEqualTo("playback_updated");
        assertThat(seeked.get("version").asLong()).isEqualTo(5);
        assertThat(seeked.get("userId").asString()).isEqualTo("bob");
        assertThat(seeked.at("/action/type").asString()).isEqualTo("seek");
        assertThat(seeked.at("/action/data/currentTime").asDouble()).isEqualTo(120.0);
        assertThat(seeked.at("/state/currentTime").asDouble()).isEqualTo(120.0);
        assertThat(seeked.at("/state/anchorTime").asLong()).isPositive();
    }

    @Test
    void a_kicked_participant_is_told_and_then_receives_nothing_more() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        room.join("bob");
        project(room);
        StompTestClient alice = connect("alice");
        StompTestClient bob = connect("bob");
        BlockingQueue<JsonNode> aliceEvents = alice.subscribe("/topic/rooms." + room.roomId());
        BlockingQueue<JsonNode> bobEvents = bob.subscribe("/topic/rooms." + room.roomId());
        alice.roundTrip();
        bob.roundTrip();

        append(room.kick("bob"));
        append(room.play("alice"));

        assertThat(next(aliceEvents).get("type").asString()).isEqualTo("user_kicked");
        assertThat(next(aliceEvents).get("type").asString()).isEqualTo("playback_updated");
        JsonNode kicked = next(bobEvents);
        assertThat(kicked.get("type").asString()).isEqualTo("user_kicked");
        assertThat(kicked.get("kickedUserId").asString()).isEqualTo("bob");
        bob.roundTrip();
        assertThat(bobEvents).isEmpty();
    }

    @Test
    void an_unreadable_record_is_skipped_and_later_events_still_arrive() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        project(room);
        StompTestClient alice = connect("alice");
        BlockingQueue<JsonNode> events = alice.subscribe("/topic/rooms." + room.roomId());
        alice.roundTrip();

        appendUnreadable(room.roomId());
        append(room.play("alice"));

        assertThat(next(events).get("version").asLong()).isEqualTo(3);
    }
}
