package io.watchtogether.projector;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.PlaybackStarted;
import io.watchtogether.events.RoomEvent.RoomCreated;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.Topics;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.infrastructure.KafkaTopics;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import io.watchtogether.projector.history.MongoRoomHistory;
import io.watchtogether.projector.projection.RoomEventProjector;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.readmodel.VersionGapException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@WithInfrastructure
// Started through main(), so the test sees the configuration that RoomProjectorApplication.run() selects.
@SpringBootTest(useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "watch-together.projector.retry-initial-interval=100ms",
        "watch-together.projector.retry-max-interval=1s"})
class RoomProjectorApplicationTest {

    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(60);

    @Autowired
    RoomReadModel readModel;
    @Autowired
    MongoRoomHistory history;
    @Autowired
    RoomEventProjector projector;
    @Autowired
    Environment environment;
    @LocalServerPort
    int port;

    @Test
    void a_rooms_events_become_its_redis_state_and_its_history_and_redelivery_changes_nothing() {
        // The application is already running: it must have waited for the topic that command-api would create.
        KafkaTopics.createTopics(TestInfrastructure.get().kafkaBootstrapServers(), 3, Topics.EVENTS);
        String roomId = "room-" + UUID.randomUUID();
        List<EventEnvelope> log = roomLog(roomId, 4);
        List<EventEnvelope> firstThree = log.subList(0, 3);

        publishInOneTransaction(firstThree);

        await().atMost(PROJECTED_WITHIN).untilAsserted(() ->
                assertThat(readModel.find(roomId)).contains(RoomState.fold(roomId, firstThree)));
        assertThat(versionsAndIds(history.eventsOf(roomId))).isEqualTo(versionsAndIds(firstThree));
        assertThat(readModel.listActive(0, 100)).extracting(RoomState::roomId).contains(roomId);

        // The same events again, then the next one: once that is projected, the replays before it were too.
        List<EventEnvelope> replayThenNext = new ArrayList<>(firstThree);
        replayThenNext.add(log.get(3));
        publishInOneTransaction(replayThenNext);

        await().atMost(PROJECTED_WITHIN).until(() -> readModel.storedVersion(roomId) == 4);
        assertThat(readModel.find(roomId)).contains(RoomState.fold(roomId, log));
        List<Document> recorded = history.eventsOf(roomId);
        assertThat(versionsAndIds(recorded)).isEqualTo(versionsAndIds(log));
        Document joined = recorded.get(1);
        assertThat(joined.getString("type")).isEqualTo("io.watchtogether.room.ParticipantJoined.v1");
        assertThat(joined.getString("shortType")).isEqualTo("user_joined");
        assertThat(joined.getString("userId")).isEqualTo("u0");
        assertThat(joined.getString("correlationId")).isEqualTo("c-2");
        assertThat(joined.get("payload", Document.class).getString("username")).isEqualTo("user0");
    }

    @Test
    void an_event_after_a_gap_is_refused_and_kept_out_of_the_history() {
        String roomId = "room-" + UUID.randomUUID();
        List<EventEnvelope> log = roomLog(roomId, 3);
        projector.project(log.get(0));

        assertThatThrownBy(() -> projector.project(log.get(2))).isInstanceOf(VersionGapException.class);

        assertThat(readModel.storedVersion(roomId)).isEqualTo(1);
        assertThat(versionsAndIds(history.eventsOf(roomId))).isEqualTo(versionsAndIds(log.subList(0, 1)));
    }

    @Test
    void configuration_comes_from_room_projector_properties() {
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("room-projector");
    }

    @Test
    void health_is_served_over_http() {
        String health = RestClient.create("http://localhost:" + port).get().uri("/actuator/health")
                .retrieve().body(String.class);

        assertThat(health).contains("\"status\":\"UP\"");
    }

    private static void publishInOneTransaction(List<EventEnvelope> events) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "projector-test-" + UUID.randomUUID());
        try (Producer<String, EventEnvelope> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new EventEnvelopeSerde.EventSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (EventEnvelope event : events) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, event.roomId(), event));
            }
            producer.commitTransaction();
        }
    }

    /** A room created by {@code u0}, {@code u0} joining, playback starting, then more joins. */
    private static List<EventEnvelope> roomLog(String roomId, int length) {
        long time = System.currentTimeMillis();
        PlaybackState paused = PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, time);
        List<Participant> present = new ArrayList<>(List.of(new Participant("u0", "user0", time)));
        List<RoomEvent> events = new ArrayList<>(List.of(
                new RoomCreated("Movie night", "u0", false, 10, time, paused),
                new ParticipantJoined("u0", "user0", time, present),
                new PlaybackStarted("u0", paused.playingAt(time + 1))));
        for (int i = 1; events.size() < length; i++) {
            present.add(new Participant("u" + i, "user" + i, time + i));
            events.add(new ParticipantJoined("u" + i, "user" + i, time + i, present));
        }
        List<EventEnvelope> log = new ArrayList<>();
        for (RoomEvent event : events.subList(0, length)) {
            long version = log.size() + 1;
            log.add(new EventEnvelope(UUID.randomUUID().toString(), roomId, version, time + version, "c-" + version,
                    "test", event));
        }
        return log;
    }

    private static List<String> versionsAndIds(List<?> eventsOrDocuments) {
        return eventsOrDocuments.stream().map(item -> item instanceof EventEnvelope event
                ? event.version() + ":" + event.id()
                : ((Document) item).get("version") + ":" + ((Document) item).getString("eventId")).toList();
    }
}
