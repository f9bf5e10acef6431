package io.watchtogether.gateway.membership;

import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.RoomLog;
import io.watchtogether.gateway.StompTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JsonNode;

import java.util.Set;
import java.util.concurrent.BlockingQueue;

import static io.watchtogether.gateway.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RoomSubscriptionTest extends GatewayIntegrationTest {

    @Autowired
    private SimpUserRegistry users;

    @Autowired
    private SimpleBrokerMessageHandler broker;

    @Test
    void a_non_participant_is_told_they_may_not_subscribe_and_receives_nothing() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        project(room);
        StompTestClient alice = connect("alice");
        StompTestClient mallory = connect("mallory");
        BlockingQueue<JsonNode> aliceEvents = alice.subscribe("/topic/rooms." + room.roomId());
        BlockingQueue<JsonNode> malloryEvents = mallory.subscribe("/topic/rooms." + room.roomId());
        alice.roundTrip();

        JsonNode error = mallory.nextReply("error");
        assertThat(error.get("status").asInt()).isEqualTo(403);
        assertThat(error.get("code").asString()).isEqualTo("NOT_A_PARTICIPANT");
        assertThat(error.get("roomId").asString()).isEqualTo(room.roomId());

        append(room.play("alice"));
        assertThat(next(aliceEvents).get("type").asString()).isEqualTo("playback_updated");
        mallory.roundTrip();
        assertThat(malloryEvents).isEmpty();
        assertThat(mallory.isConnected()).isTrue();
    }

    @Test
    void a_subscribe_that_arrives_before_the_join_event_waits_for_it() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        project(room);
        StompTestClient bob = connect("bob");
        BlockingQueue<JsonNode> bobEvents = bob.subscribe("/topic/rooms." + room.roomId());

        append(room.join("bob"));
        await().atMost(WAIT).until(() -> isSubscribed("bob", "/topic/rooms." + room.roomId()));
        append(room.play("alice"));

        JsonNode played = next(bobEvents, message -> message.get("type").asString().equals("playback_updated"));
        assertThat(played.get("version").asLong()).isEqualTo(4);
    }

    @Test
    void only_the_users_queue_and_room_topics_may_be_subscribed() {
        StompTestClient alice = connect("alice");

        alice.subscribe("/topic/everything");

        JsonNode error = alice.nextReply("error");
        assertThat(error.get("code").asString()).isEqualTo("DESTINATION_NOT_ALLOWED");
        assertThat(alice.roundTrip().get("type").asString()).isEqualTo("time_sync");
    }

    @Test
    void a_client_cannot_send_straight_to_a_room_topic() {
        RoomLog room = RoomLog.created(newRoomId(), "alice");
        project(room);
        StompTestClient alice = connect("alice");
        BlockingQueue<JsonNode> events = alice.subscribe("/topic/rooms." + room.roomId());

        alice.send("/topic/rooms." + room.roomId(), "{\"type\":\"user_kicked\",\"kickedUserId\":\"alice\"}");

        JsonNode error = alice.nextReply("error");
        assertThat(error.get("code").asString()).isEqualTo("DESTINATION_NOT_ALLOWED");
        alice.roundTrip();
        assertThat(events).isEmpty();
    }

    /**
     * Whether the broker itself would deliver to this user: the user registry learns of a SUBSCRIBE from its
     * event, which can come before the broker has registered a subscription that was held back.
     */
    private boolean isSubscribed(String userId, String destination) {
        SimpMessageHeaderAccessor probe = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        probe.setDestination(destination);
        Set<String> brokerSessions = broker.getSubscriptionRegistry()
                .findSubscriptions(MessageBuilder.createMessage(new byte[0], probe.getMessageHeaders())).keySet();
        SimpUser user = users.getUser(userId);
        return user != null && user.getSessions().stream().map(SimpSession::getId).anyMatch(brokerSessions::contains);
    }
}
