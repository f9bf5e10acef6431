package io.watchtogether.readmodel.history;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads documents of the shape room-projector's {@code MongoRoomHistory} writes (room-projector depends on this
 * module, so its writer cannot be used here; command-api's and sync-gateway's history tests seed through it).
 */
@WithInfrastructure
class RoomHistoryReaderTest {

    private static final long T0 = 1_700_000_000_000L;

    private static MongoClient client;

    private MongoCollection<Document> collection;
    private RoomHistoryReader history;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.get().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshCollection() {
        collection = client.getDatabase("watchtogether").getCollection("history-test-" + UUID.randomUUID());
        history = new RoomHistoryReader(collection);
    }

    @Test
    void pages_hold_a_rooms_events_in_version_order_and_no_other_rooms() {
        String roomId = room();
        List<EventEnvelope> events = session(roomId);
        record(session(room()));
        // Inserted out of order: the reader sorts by version, not by insertion.
        List<EventEnvelope> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        record(reversed);

        assertThat(history.count(roomId)).isEqualTo(events.size());
        assertThat(history.page(roomId, 0, 3)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(history.page(roomId, 1, 3)).extracting(RecordedEvent::version).containsExactly(4L, 5L, 6L);
        assertThat(history.page(roomId, 2, 3)).extracting(RecordedEvent::version).containsExactly(7L);
        assertThat(history.page(roomId, 3, 3)).isEmpty();
        assertThat(history.from(roomId, 5, 100)).extracting(RecordedEvent::version).containsExactly(5L, 6L, 7L);
        assertThat(history.from(roomId, 2, 2)).extracting(RecordedEvent::version).containsExactly(2L, 3L);
    }

    @Test
    void a_recorded_event_reads_back_as_the_envelope_that_was_recorded() {
        String roomId = room();
        List<EventEnvelope> events = session(roomId);
        record(events);

        List<RecordedEvent> recorded = history.page(roomId, 0, 100);

        assertThat(recorded).extracting(RecordedEvent::envelope).containsExactlyElementsOf(events);
        RecordedEvent kick = recorded.get(5);
        assertThat(kick.clientType()).isEqualTo("user_kicked");
        assertThat(kick.type()).isEqualTo("io.watchtogether.room.ParticipantKicked.v1");
        assertThat(kick.userId()).isEqualTo("carol");
        assertThat(kick.payload()).containsEntry("kickedBy", "alice");
        assertThat(kick.time()).isEqualTo(T0 + 5_000);
        assertThat(kick.correlationId()).isEqualTo("command-6");
    }

    @Test
    void whoever_joined_was_a_participant_whether_present_gone_or_kicked() {
        String roomId = room();
        record(session(roomId));
        String otherRoom = room();
        record(List.of(created(otherRoom, "dave").get(1)));

        assertThat(history.wasParticipant(roomId, "alice")).as("present").isTrue();
        assertThat(history.wasParticipant(roomId, "bob")).as("left").isTrue();
        assertThat(history.wasParticipant(roomId, "carol")).as("kicked").isTrue();
        assertThat(history.wasParticipant(roomId, "dave")).as("joined another room only").isFalse();
        assertThat(history.wasParticipant(otherRoom, "alice")).isFalse();
    }

    @Test
    void a_room_without_recorded_events_does_not_exist() {
        String roomId = room();
        record(session(roomId));

        assertThat(history.exists(roomId)).isTrue();
        assertThat(history.exists(room())).isFalse();
        assertThat(history.count("never-" + roomId)).isZero();
        assertThat(history.page("never-" + roomId, 0, 10)).isEmpty();
    }

    private static String room() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Alice creates the room, Bob joins and leaves, Carol joins, Alice plays and kicks Carol: versions 1 to 7. */
    private static List<EventEnvelope> session(String roomId) {
        Log log = new Log(roomId);
        log.append(new RoomEvent.RoomCreated("Movie night", "alice", false, 10, T0,
                PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, T0)));
        log.join("alice");
        log.join("bob");
        log.append(new RoomEvent.ParticipantLeft("bob", "left", log.state.participantsWithout("bob")));
        log.join("carol");
        log.append(new RoomEvent.ParticipantKicked("carol", "alice", log.state.participantsWithout("carol")));
        log.append(new RoomEvent.PlaybackSeeked("alice", log.state.playback().seekedTo(120.5, log.now())));
        return log.events;
    }

    private static List<EventEnvelope> created(String roomId, String adminId) {
        Log log = new Log(roomId);
        log.append(new RoomEvent.RoomCreated("Other", adminId, false, 10, T0,
                PlaybackState.start("1", PlaybackState.MOVIE, "vidnest", null, null, T0)));
        log.join(adminId);
        return log.events;
    }

    private void record(List<EventEnvelope> events) {
        events.forEach(event -> collection.insertOne(HistoryDocuments.of(event)));
    }

    /** A hand-written room log, one second between events. */
    private static final class Log {
        private final List<EventEnvelope> events = new ArrayList<>();
        private RoomState state;

        Log(String roomId) {
            state = RoomState.initial(roomId);
        }

        long now() {
            return T0 + events.size() * 1_000L;
        }

        void join(String userId) {
            Participant joining = new Participant(userId, userId + "-name", now());
            append(new RoomEvent.ParticipantJoined(userId, joining.username(), joining.joinedAt(),
                    state.participantsWith(joining)));
        }

        void append(RoomEvent event) {
            long version = state.version() + 1;
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), state.roomId(), version, now(),
                    "command-" + version, "room-history-test", event);
            state = state.evolve(envelope);
            events.add(envelope);
        }
    }
}
