package io.watchtogether.gateway.presence;

import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.StompTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatControllerTest extends GatewayIntegrationTest {

    @Autowired
    private RoomPresence heartbeats;

    @Test
    void a_heartbeat_is_remembered_until_the_session_ends_and_not_answered() {
        String roomId = newRoomId();
        StompTestClient alice = connect("alice");
        long before = System.currentTimeMillis();

        alice.send("/app/rooms." + roomId + ".heartbeat", "{\"roomId\":\"" + roomId + "\",\"userId\":\"alice\"}");

        // The time reply is the first reply after the heartbeat: a heartbeat has none.
        assertThat(alice.roundTrip().get("type").asString()).isEqualTo("time_sync");
        assertThat(heartbeats.lastSeenOf("alice", roomId)).hasValueSatisfying(at -> assertThat(at).isGreaterThanOrEqualTo(before));

        alice.close();
        await().atMost(WAIT).until(() -> heartbeats.lastSeenOf("alice", roomId).isEmpty());
    }
}
