package io.watchtogether.command.api;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.command.processor.RoomProcessor;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-api instances with a short inactivity timeout close an idle room exactly once, and leave a room
 * open while its participants keep sending commands, even commands that append no event.
 *
 * <p>Both instances run their own application id on topics of their own: the shared test context's processor
 * (24 h timeout) must neither own these rooms nor see these commands.
 */
@WithInfrastructure
class InactivityCleanupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int TOPIC_PARTITIONS = 6;

    private final String run = "cleanup-" + System.nanoTime();
    private final String eventsTopic = run + ".events";
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private ScheduledExecutorService activity;
    private ApiRequests viaFirst;
    private ApiRequests viaSecond;
    private ApiClient.User alice;
    private ApiClient.User bob;

    @BeforeEach
    void twoInstancesWithAShortTimeout() {
        for (int i = 0; i < 2; i++) {
            instances.add(CommandApiApplication.run(
                    "--server.port=0",
                    "--watch-together.jwt.secret=" + CommandApiTest.SECRET,
                    "--watch-together.accounts.bcrypt-cost=4",
                    "--watch-together.api.command-timeout=20s",
                    "--watch-together.processor.application-id=" + run,
                    "--watch-together.topics.commands=" + run + ".commands",
                    "--watch-together.topics.events=" + eventsTopic,
                    "--watch-together.topics.command-results=" + run + ".command-results",
                    "--watch-together.rooms.inactivity-timeout=" + TIMEOUT.toMillis() + "ms",
                    "--watch-together.processor.inactivity-check-interval=500ms"));
        }
        RoomProcessor first = instances.get(0).getBean(RoomProcessor.class);
        RoomProcessor second = instances.get(1).getBean(RoomProcessor.class);
        ProcessorReady.awaitRunning(first, second);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.activeTaskCount() > 0 && second.activeTaskCount() > 0
                && first.activeTaskCount() + second.activeTaskCount() == TOPIC_PARTITIONS);
        viaFirst = new ApiRequests(port(0));
        viaSecond = new ApiRequests(port(1));
        ApiClient accounts = new ApiClient(port(0));
        alice = accounts.register("alice-" + System.nanoTime());
        bob = accounts.register("bob-" + System.nanoTime());
    }

    @AfterEach
    void stopEverything() {
        if (activity != null) {
            activity.shutdownNow();
        }
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void an_idle_room_is_closed_once_by_two_instances_while_an_active_room_stays_open() throws Exception {
        String idleRoom = createRoom(viaFirst);
        assertThat(viaSecond.post(path(idleRoom, "join"), bob.token(), Map.of(), Map.of()).status()).isEqualTo(200);
        String activeRoom = createRoom(viaSecond);
        // The admin's player reports the position it is expected at: accepted, but no event.
        Map<String, Object> report = Map.of("action", Map.of("type", "updateTime", "data", Map.of("currentTime", 0)));
        ConcurrentLinkedQueue<Integer> reportStatuses = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        activity = Executors.newSingleThreadScheduledExecutor();
        activity.scheduleWithFixedDelay(() -> reportStatuses.add(
                (sent.incrementAndGet() % 2 == 0 ? viaFirst : viaSecond)
                        .post(path(activeRoom, "playback"), alice.token(), report, Map.of()).status()),
                0, 250, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(60)).until(() -> closedEvents(idleRoom).size() == 1);
        // Both instances keep checking every 500 ms: still exactly one close, and no more events after it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> closedEvents(idleRoom).size() == 1);

        List<EventEnvelope> idleLog = eventsOf(idleRoom);
        assertThat(idleLog).extracting(EventEnvelope::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, idleLog.size()).boxed().toList());
        EventEnvelope last = idleLog.get(idleLog.size() - 1);
        assertThat(last.event()).isEqualTo(new RoomEvent.RoomClosed("inactive"));
        assertThat(last.time() - idleLog.get(idleLog.size() - 2).time()).isGreaterThanOrEqualTo(TIMEOUT.toMillis());

        // The active room outlived the timeout several times over on commands that appended nothing.
        List<EventEnvelope> activeLog = eventsOf(activeRoom);
        assertThat(System.currentTimeMillis() - activeLog.get(activeLog.size() - 1).time())
                .isGreaterThan(TIMEOUT.toMillis() + 500);
        assertThat(activeLog).noneMatch(e -> e.event() instanceof RoomEvent.RoomClosed);
        assertThat(reportStatuses).isNotEmpty().containsOnly(200);

        // Once its participants fall silent, it closes too.
        activity.shutdownNow();
        activity.awaitTermination(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> closedEvents(activeRoom).size() == 1);
    }

    private String createRoom(ApiRequests via) {
        ApiRequests.Answer created = via.post("/auth/watch-together/rooms", alice.token(),
                Map.of("name", "Movie Night", "mediaId", "666243", "mediaType", "movie"), Map.of());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.data().get("roomId").asString();
    }

    private int port(int instance) {
        return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    private List<EventEnvelope> closedEvents(String roomId) {
        return eventsOf(roomId).stream().filter(e -> e.event() instanceof RoomEvent.RoomClosed).toList();
    }

    /** Every committed event of one room in this test's events topic, in log order. */
    private List<EventEnvelope> eventsOf(String roomId) {
        List<EventEnvelope> events = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new EventEnvelopeSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(eventsTopic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, EventEnvelope> record : consumer.poll(Duration.ofMillis(200))) {
                    if (roomId.equals(record.key())) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }

    private static String path(String roomId, String action) {
        return "/auth/watch-together/rooms/" + roomId + "/" + action;
    }
}
