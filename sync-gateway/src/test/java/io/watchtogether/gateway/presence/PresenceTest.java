package io.watchtogether.gateway.presence;

import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.Topics;
import io.watchtogether.events.kafka.JsonSerde;
import io.watchtogether.gateway.GatewayIntegrationTest;
import io.watchtogether.gateway.RoomLog;
import io.watchtogether.gateway.StompTestClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence with short timings: heartbeats every 300 ms (so silence for 900 ms is three missed ones) and a
 * 2 s grace after a disconnect. The room processor is not running, so the tests read the {@code LeaveRoom}
 * commands the gateway produces and answer them as the processor would.
 */
@TestPropertySource(properties = {
        "watch-together.gateway.presence.heartbeat-interval=300ms",
        "watch-together.gateway.presence.missed-heartbeats=3",
        "watch-together.gateway.presence.disconnect-grace=2s",
        "watch-together.gateway.presence.sweep-interval=100ms"})
class PresenceTest extends GatewayIntegrationTest {

    private static final long HEARTBEAT_TIMEOUT_MILLIS = 900;
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofSeconds(1);

    @Autowired
    private StringRedisTemplate redis;

    private final String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    private final String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<CommandEnvelope> commandsSeen = new ArrayList<>();
    private KafkaConsumer<String, CommandEnvelope> commandLog;
    private RoomLog room;

    @BeforeEach
    void aliceAndBobAreInARoom() {
        room = RoomLog.created(newRoomId(), alice);
        room.join(bob);
        project(room);
        commandLog = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), JsonSerde.commands().deserializer());
        List<TopicPartition> partitions = commandLog.partitionsFor(Topics.COMMANDS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        commandLog.assign(partitions);
        commandLog.seekToEnd(partitions);
        partitions.forEach(commandLog::position);
    }

    @AfterEach
    void stopReading() {
        commandLog.close();
    }

    @Test
    void silent_client_leaves_after_three_missed_heartbeats() {
        StompTestClient bobs = watching(bob);
        long lastHeartbeat = 0;
        for (int i = 0; i < 3; i++) {
            lastHeartbeat = System.currentTimeMillis();
            heartbeat(bobs);
            bobs.roundTrip();
        }

        CommandEnvelope leave = firstLeaveOf(bob);

        assertThat(leave.command()).isEqualTo(new RoomCommand.LeaveRoom("heartbeat_timeout"));
        assertThat(leave.actor().username()).isEqualTo(bob + "-name");
        assertThat(leave.issuedAt() - lastHeartbeat).isGreaterThanOrEqualTo(HEARTBEAT_TIMEOUT_MILLIS);
        assertThat(bobs.isConnected()).isTrue();
        answer(CommandResult.accepted(leave.commandId(), room.state(), 1));
        assertNoMoreLeavesOf(bob, 1, MARGIN.multipliedBy(2));
    }

    @Test
    void closed_connection_leaves_after_the_grace_period() {
        StompTestClient bobs = watching(bob);
        long closedAt = System.currentTimeMillis();
        bobs.close();

        CommandEnvelope leave = firstLeaveOf(bob);

        assertThat(leave.command()).isEqualTo(new RoomCommand.LeaveRoom("disconnected"));
        assertThat(leave.issuedAt() - closedAt).isGreaterThanOrEqualTo(GRACE.toMillis());
        answer(CommandResult.accepted(leave.commandId(), room.state(), 1));
        assertNoMoreLeavesOf(bob, 1, MARGIN.multipliedBy(2));
    }

    @Test
    void quick_reconnect_within_grace_causes_no_leave() {
        StompTestClient bobs = watching(bob);
        bobs.close();

        watching(bob);

        assertNoMoreLeavesOf(bob, 0, GRACE.plus(MARGIN));
    }

    @Test
    void heartbeating_client_stays() {
        StompTestClient bobs = watching(bob);

        await().pollInSameThread().pollInterval(Duration.ofMillis(150))
                .during(Duration.ofMillis(HEARTBEAT_TIMEOUT_MILLIS).multipliedBy(3)).atMost(WAIT)
                .until(() -> {
                    heartbeat(bobs);
                    return leavesOf(bob).isEmpty();
                });
    }

    @Test
    void a_user_still_watching_through_another_gateway_instance_is_not_removed() {
        StompTestClient bobs = watching(bob);
        long otherInstanceHoldsUntil = System.currentTimeMillis() + GRACE.toMillis() + 4_000;
        redis.opsForZSet().add(presenceKey(), "other-instance|" + bob, otherInstanceHoldsUntil);
        bobs.close();

        assertNoMoreLeavesOf(bob, 0, GRACE.plus(MARGIN));

        // Once the other instance stops refreshing its note (it crashed), the leave goes out after all.
        CommandEnvelope leave = firstLeaveOf(bob);
        assertThat(leave.command()).isEqualTo(new RoomCommand.LeaveRoom("disconnected"));
        assertThat(leave.issuedAt()).isGreaterThanOrEqualTo(otherInstanceHoldsUntil);
        answer(CommandResult.accepted(leave.commandId(), room.state(), 1));
    }

    @Test
    void a_present_user_is_noted_in_redis_for_the_other_instances_until_they_go() {
        StompTestClient bobs = watching(bob);

        await().atMost(WAIT).until(() -> notesOf(bob).size() == 1);
        String note = notesOf(bob).iterator().next();
        Double until = redis.opsForZSet().score(presenceKey(), note);
        assertThat(until).isGreaterThan((double) System.currentTimeMillis());
        assertThat(redis.getExpire(presenceKey())).isPositive();

        bobs.close();
        await().atMost(WAIT).until(() -> notesOf(bob).isEmpty());
    }

    /** A client of this user subscribed to the room, as a participant's player is. */
    private StompTestClient watching(String userId) {
        StompTestClient client = connect(userId);
        client.subscribe("/topic/rooms." + room.roomId());
        client.roundTrip();
        return client;
    }

    private String presenceKey() {
        return "wt:presence:{" + room.roomId() + "}";
    }

    /** The notes of gateway instances that they hold this user in the room. */
    private Set<String> notesOf(String userId) {
        Set<String> notes = redis.opsForZSet().range(presenceKey(), 0, -1);
        return notes == null ? Set.of() : notes.stream().filter(note -> note.endsWith("|" + userId))
                .collect(Collectors.toSet());
    }

    private void heartbeat(StompTestClient client) {
        client.send("/app/rooms." + room.roomId() + ".heartbeat", "{}");
    }

    private CommandEnvelope firstLeaveOf(String userId) {
        return await().pollInSameThread().atMost(WAIT)
                .until(() -> leavesOf(userId), leaves -> !leaves.isEmpty()).get(0);
    }

    private void assertNoMoreLeavesOf(String userId, int count, Duration during) {
        await().pollInSameThread().during(during).atMost(during.plus(Duration.ofSeconds(5)))
                .until(() -> leavesOf(userId).size() == count);
    }

    /** Every {@code LeaveRoom} for this user and room produced since the test began. */
    private List<CommandEnvelope> leavesOf(String userId) {
        commandLog.poll(Duration.ofMillis(50)).forEach(record -> commandsSeen.add(record.value()));
        return commandsSeen.stream()
                .filter(command -> command.command() instanceof RoomCommand.LeaveRoom)
                .filter(command -> room.roomId().equals(command.roomId()) && userId.equals(command.actor().userId()))
                .toList();
    }
}
