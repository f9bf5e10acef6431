package io.watchtogether.projector.rebuild;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.infrastructure.Infrastructure;
import io.watchtogether.infrastructure.KafkaTopics;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.readmodel.RoomStats;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WithInfrastructure
@SpringBootTest(useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "watch-together.projector.retry-initial-interval=100ms",
        "watch-together.projector.retry-max-interval=1s",
        "watch-together.projector.rebuild.generation-cache=1s",
        "watch-together.projector.rebuild.switch-grace=1500ms",
        "watch-together.projector.rebuild.progress-interval=200ms",
        "watch-together.projector.rebuild.rooms-per-batch=7"})
class ReadModelRebuildTest {

    private static final String RUN = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "room.events." + RUN;
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Autowired
    RoomReadModel readModel;
    @Autowired
    StringRedisTemplate redis;
    @LocalServerPort
    int port;

    // Every room on the topic, over all tests of this class: each rebuild replays them all.
    private static final RandomRooms random = new RandomRooms(RUN.hashCode());
    private static final Map<String, List<EventEnvelope>> logs = new LinkedHashMap<>();

    @DynamicPropertySource
    static void ownTopicAndKeys(DynamicPropertyRegistry registry) {
        // Its own topic, group and keys: the replay then sees exactly this test's events.
        KafkaTopics.createTopics(TestInfrastructure.get().kafkaBootstrapServers(), 3, TOPIC);
        registry.add("watch-together.projector.topic", () -> TOPIC);
        registry.add("watch-together.projector.group-id", () -> RUN);
        registry.add("watch-together.projector.key-prefix", () -> RUN);
    }

    @Test
    void the_admin_endpoint_rebuilds_the_read_model_into_fresh_keys_equal_to_the_live_ones() {
        publishRooms("quiet", 40);
        awaitLiveProjection();
        String before = readModel.generations().currentNow();
        Map<String, RoomState> live = snapshot(readModel.atGeneration(before));
        long now = System.currentTimeMillis();
        RoomStats liveStats = readModel.atGeneration(before).stats(now);
        List<RoomState> liveActive = readModel.atGeneration(before).listActive(0, 1000);

        JsonNode done = rebuildThroughTheEndpoint();

        String after = readModel.generations().currentNow();
        assertThat(after).isNotEqualTo(before).isEqualTo(done.get("generation").asString());
        RoomReadModel rebuilt = readModel.atGeneration(after);
        assertThat(snapshot(rebuilt)).isEqualTo(live);
        assertThat(rebuilt.listActive(0, 1000)).isEqualTo(liveActive);
        assertThat(rebuilt.stats(now)).isEqualTo(liveStats);
        assertThat(done.get("eventsDone").asLong()).isEqualTo(eventCount());
        assertThat(done.get("rooms").asLong()).isEqualTo(logs.size());
        assertThat(done.get("eventsPerSecond").asLong()).isPositive();
        assertThat(keysOf(before)).isEmpty();
    }

    /**
     * The rebuild runs in another process (the command line), so this projector learns of the switch only when
     * its cached generation expires, and meanwhile writes some events to the old generation.
     */
    @Test
    void events_appended_while_another_process_rebuilds_reach_the_new_generation() throws Exception {
        publishRooms("busy", 30);
        awaitLiveProjection();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        Thread appender = new Thread(() -> {
            try (Producer<String, EventEnvelope> producer = transactionalProducer()) {
                List<String> roomIds = List.copyOf(logs.keySet());
                for (int round = 0; rebuilding.get(); round++) {
                    // A few rooms get one more event each, in one transaction, at about a hundred events a second.
                    producer.beginTransaction();
                    for (int i = 0; i < 5; i++) {
                        String roomId = roomIds.get((round * 5 + i) % roomIds.size());
                        List<EventEnvelope> more = random.more(logs.get(roomId), 1);
                        more.forEach(event -> producer.send(new ProducerRecord<>(TOPIC, event.roomId(), event)));
                        List<EventEnvelope> grown = new ArrayList<>(logs.get(roomId));
                        grown.addAll(more);
                        logs.put(roomId, grown);
                    }
                    producer.commitTransaction();
                    Thread.sleep(20); // the pace of users, not a wait for a condition
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "appender");
        appender.start();
        try {
            assertThat(RebuildCommand.run(commandLine())).isZero();
        } finally {
            rebuilding.set(false);
            appender.join();
        }

        awaitLiveProjection();
        Map<String, RoomState> folded = new HashMap<>();
        logs.forEach((roomId, log) -> folded.put(roomId, RoomState.fold(roomId, log)));
        assertThat(snapshot(readModel.atGeneration(readModel.generations().currentNow()))).isEqualTo(folded);
    }

    @Test
    void a_second_rebuild_is_refused_while_one_runs() {
        assertThat(readModel.generations().lockRebuild("elsewhere", Duration.ofSeconds(30))).isTrue();
        try {
            var refused = admin().post().uri("/admin/rebuild").exchange((request, response) ->
                    Map.entry(response.getStatusCode(), response.bodyTo(JsonNode.class)));

            assertThat(refused.getKey()).isEqualTo(HttpStatusCode.valueOf(409));
            assertThat(refused.getValue().get("runningRebuild").asString()).isEqualTo("elsewhere");
            assertThat(RebuildCommand.run(commandLine())).isEqualTo(1);
        } finally {
            readModel.generations().releaseRebuildLock("elsewhere");
        }
    }

    @Test
    void the_command_line_rebuild_switches_generations_and_exits_with_zero() {
        publishRooms("cli", 10);
        awaitLiveProjection();
        String before = readModel.generations().currentNow();
        Map<String, RoomState> live = snapshot(readModel.atGeneration(before));

        assertThat(RebuildCommand.run(commandLine())).isZero();

        String after = readModel.generations().currentNow();
        assertThat(after).isNotEqualTo(before);
        assertThat(snapshot(readModel.atGeneration(after))).isEqualTo(live);
        assertThat(keysOf(before)).isEmpty();
    }

    private String[] commandLine() {
        Infrastructure infra = TestInfrastructure.get();
        return new String[] {"--rebuild",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.data.redis.url=" + infra.redisUrl(),
                "--spring.mongodb.uri=" + infra.mongoUri(),
                "--watch-together.projector.topic=" + TOPIC,
                "--watch-together.projector.key-prefix=" + RUN,
                "--watch-together.projector.rebuild.switch-grace=1500ms"};
    }

    private JsonNode rebuildThroughTheEndpoint() {
        var started = admin().post().uri("/admin/rebuild").exchange((request, response) ->
                Map.entry(response.getStatusCode(), response.bodyTo(JsonNode.class)));
        assertThat(started.getKey()).isEqualTo(HttpStatusCode.valueOf(202));
        String id = started.getValue().get("id").asString();
        JsonNode[] last = new JsonNode[1];
        await().atMost(WITHIN).until(() -> {
            last[0] = admin().get().uri("/admin/rebuild/{id}", id).retrieve().body(JsonNode.class);
            return !"RUNNING".equals(last[0].get("state").asString());
        });
        assertThat(last[0].get("state").asString()).as(last[0].toString()).isEqualTo("SUCCEEDED");
        return last[0];
    }

    private RestClient admin() {
        return RestClient.create("http://localhost:" + port);
    }

    private void publishRooms(String label, int rooms) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            String roomId = RUN + "-" + label + "-" + i;
            List<EventEnvelope> log = random.room(roomId, 3 + i % 9);
            logs.put(roomId, log);
            events.addAll(log);
        }
        publish(events);
    }

    private void awaitLiveProjection() {
        await().atMost(WITHIN).until(() -> logs.values().stream().allMatch(log ->
                readModel.storedVersion(log.get(0).roomId()) == log.get(log.size() - 1).version()));
    }

    private Map<String, RoomState> snapshot(RoomReadModel generation) {
        Map<String, RoomState> states = new HashMap<>();
        for (String roomId : logs.keySet()) {
            states.put(roomId, generation.find(roomId).orElse(null));
        }
        return states;
    }

    private long eventCount() {
        return logs.values().stream().mapToLong(List::size).sum();
    }

    private List<String> keysOf(String generation) {
        List<String> keys = new ArrayList<>();
        for (String family : List.of(":room:*", ":rooms:*", ":events:*")) {
            keys.addAll(redis.keys(generation + family));
        }
        return keys;
    }

    private static Producer<String, EventEnvelope> transactionalProducer() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rebuild-test-" + UUID.randomUUID());
        Producer<String, EventEnvelope> producer =
                new KafkaProducer<>(config, new StringSerializer(), new EventEnvelopeSerde.EventSerializer());
        producer.initTransactions();
        return producer;
    }

    private static void publish(List<EventEnvelope> events) {
        try (Producer<String, EventEnvelope> producer = transactionalProducer()) {
            producer.beginTransaction();
            for (EventEnvelope event : events) {
                producer.send(new ProducerRecord<>(TOPIC, event.roomId(), event));
            }
            producer.commitTransaction();
        }
    }
}
