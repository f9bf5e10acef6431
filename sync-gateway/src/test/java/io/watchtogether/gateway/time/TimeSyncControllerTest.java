package io.watchtogether.gateway.time;

import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TimeSyncControllerTest extends GatewayIntegrationTest {

    @Test
    void time_is_answered_with_the_four_timestamps_of_an_ntp_exchange() {
        StompTestClient alice = connect("alice");
        long clientSendTime = System.currentTimeMillis();

        alice.send("/app/time", "{\"clientSendTime\":" + clientSendTime + "}");

        JsonNode reply = alice.nextReply("time_sync");
        long clientReceiveTime = System.currentTimeMillis();
        assertThat(reply.get("clientSendTime").asLong()).isEqualTo(clientSendTime);
        double serverReceiveTime = reply.get("serverReceiveTime").asDouble();
        double serverSendTime = reply.get("serverSendTime").asDouble();
        assertThat(serverReceiveTime).isBetween((double) clientSendTime, serverSendTime);
        // The client's clock reads whole milliseconds; the server's times have the fraction.
        assertThat(serverSendTime).isLessThan(clientReceiveTime + 1.0);
    }

    @Test
    void time_without_a_client_send_time_is_answered_with_an_error() {
        StompTestClient alice = connect("alice");

        alice.send("/app/time", "{}");

        JsonNode error = alice.nextReply("error");
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("command").asString()).isEqualTo("time");
    }
}
