package io.watchtogether.readmodel;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.RoomClosed;
import io.watchtogether.events.RoomEvent.RoomCreated;
import io.watchtogether.events.RoomState;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithInfrastructure
class RoomReadModelTest {

    private static final Duration RETENTION = Duration.ofHours(2);

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    private String prefix;
    private RoomReadModel readModel;
    private long now;

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(TestInfrastructure.get().redisUrl()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @BeforeEach
    void freshKeys() {
        // Redis is shared by the whole test run: a prefix per test keeps the global indexes apart.
        prefix = "test-" + UUID.randomUUID();
        readModel = new RoomReadModel(redis, prefix, RETENTION);
        now = System.currentTimeMillis();
    }

    @Test
    void events_applied_in_order_are_stored_as_their_fold() {
        List<EventEnvelope> log = roomWithGuests("r1", 2, now);

        RoomState state = RoomState.initial("r1");
        for (EventEnvelope event : log) {
            state = state.evolve(event);
            assertThat(readModel.apply(event, state)).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(readModel.storedVersion("r1")).isEqualTo(event.version());
        }

        assertThat(readModel.find("r1")).contains(RoomState.fold("r1", log));
        assertThat(readModel.storedVersion("r1")).isEqualTo(3);
    }

    @Test
    void the_same_event_again_is_a_duplicate_and_changes_nothing() {
        List<EventEnvelope> log = roomWithGuests("r1", 2, now);
        applyAll(log);
        RoomState stored = readModel.find("r1").orElseThrow();
        RoomStats statsBefore = readModel.stats(now);

        RoomState stale = RoomState.fold("r1", log.subList(0, 2));
        assertThat(readModel.apply(log.get(1), stale)).isEqualTo(ApplyOutcome.DUPLICATE);
        assertThat(readModel.apply(log.get(2), stored)).isEqualTo(ApplyOutcome.DUPLICATE);

        assertThat(readModel.find("r1")).contains(stored);
        assertThat(readModel.stats(now)).isEqualTo(statsBefore);
    }

    @Test
    void a_gap_is_refused_and_names_room_and_versions() {
        List<EventEnvelope> log = roomWithGuests("r1", 3, now);
        applyAll(log.subList(0, 2));
        RoomState afterFour = RoomState.fold("r1", log);

        assertThatThrownBy(() -> readModel.apply(log.get(3), afterFour))
                .isInstanceOfSatisfying(VersionGapException.class, gap -> {
                    assertThat(gap.roomId()).isEqualTo("r1");
                    assertThat(gap.storedVersion()).isEqualTo(2);
                    assertThat(gap.incomingVersion()).isEqualTo(4);
                })
                .hasMessageContaining("r1").hasMessageContaining("2").hasMessageContaining("4");
        assertThat(readModel.storedVersion("r1")).isEqualTo(2);
    }

    @Test
    void a_room_that_never_had_an_event_is_not_found() {
        assertThat(readModel.find("nowhere")).isEmpty();
        assertThat(readModel.storedVersion("nowhere")).isZero();
    }

    @Test
    void open_rooms_are_listed_most_recent_activity_first() {
        applyAll(roomWithGuests("quiet", 1, now - 30_000));
        applyAll(roomWithGuests("busy", 1, now - 10_000));
        applyAll(roomWithGuests("middle", 1, now - 20_000));

        assertThat(readModel.listActive(0, 10)).extracting(RoomState::roomId).containsExactly("busy", "middle", "quiet");
        assertThat(readModel.listActive(1, 1)).extracting(RoomState::roomId).containsExactly("middle");
        assertThat(readModel.listActive(3, 10)).isEmpty();
        assertThat(readModel.roomsIdleSince(now - 15_000, 10)).containsExactly("quiet", "middle");
    }

    @Test
    void stats_count_open_rooms_participants_and_the_last_hours_events_by_type() {
        applyAll(roomWithGuests("a", 2, now - 5_000));
        applyAll(roomWithGuests("b", 1, now - 5_000));
        applyAll(roomWithGuests("old", 1, now - Duration.ofHours(3).toMillis()));

        RoomStats stats = readModel.stats(now);

        assertThat(stats.activeRooms()).isEqualTo(3);
        assertThat(stats.participants()).isEqualTo(4);
        assertThat(stats.eventsLastHourByType()).isEqualTo(Map.of("RoomCreated", 2L, "ParticipantJoined", 3L));
        assertThat(stats.eventsLastHour()).isEqualTo(5);
    }

    @Test
    void a_closed_room_leaves_the_active_index_and_stays_readable_until_it_expires() {
        List<EventEnvelope> log = new ArrayList<>(roomWithGuests("r1", 1, now));
        applyAll(roomWithGuests("other", 1, now));
        log.add(envelope("r1", 3, now + 1, new RoomClosed("empty")));
        applyAll(log);

        RoomState closed = readModel.find("r1").orElseThrow();
        assertThat(closed.closed()).isTrue();
        assertThat(closed).isEqualTo(RoomState.fold("r1", log));
        assertThat(readModel.listActive(0, 10)).extracting(RoomState::roomId).containsExactly("other");
        assertThat(readModel.stats(now).activeRooms()).isEqualTo(1);
        assertThat(readModel.stats(now).participants()).isEqualTo(1);
        assertThat(redis.getExpire(readModel.stateKey("r1"), TimeUnit.SECONDS))
                .isPositive().isLessThanOrEqualTo(RETENTION.toSeconds());
        assertThat(redis.getExpire(readModel.stateKey("other"), TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void redelivering_the_last_event_repairs_indexes_lost_in_a_crash_after_the_script() {
        List<EventEnvelope> log = roomWithGuests("r1", 1, now);
        applyAll(log);
        redis.delete(prefix + ":rooms:active");

        assertThat(readModel.apply(log.get(1), RoomState.fold("r1", log))).isEqualTo(ApplyOutcome.DUPLICATE);

        assertThat(readModel.listActive(0, 10)).extracting(RoomState::roomId).containsExactly("r1");
    }

    @Test
    void keys_of_one_room_share_a_cluster_hash_slot() {
        assertThat(readModel.stateKey("r1")).isEqualTo(prefix + ":room:{r1}:state");
    }

    private List<EventEnvelope> applyAll(List<EventEnvelope> log) {
        RoomState state = readModel.find(log.get(0).roomId()).orElse(RoomState.initial(log.get(0).roomId()));
        for (EventEnvelope event : log) {
            if (event.version() <= state.version()) {
                continue;
            }
            state = state.evolve(event);
            assertThat(readModel.apply(event, state)).isEqualTo(ApplyOutcome.APPLIED);
        }
        return log;
    }

    /** A room created by {@code u0}, then {@code participants} joins (u0 first): versions 1 to participants + 1. */
    private static List<EventEnvelope> roomWithGuests(String roomId, int participants, long time) {
        List<EventEnvelope> log = new ArrayList<>();
        PlaybackState playback = PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, time);
        log.add(envelope(roomId, 1, time, new RoomCreated("Movie night", "u0", false, 10, time, playback)));
        List<Participant> present = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            present.add(new Participant("u" + i, "user" + i, time));
            log.add(envelope(roomId, log.size() + 1, time, new ParticipantJoined("u" + i, "user" + i, time, present)));
        }
        return log;
    }

    static EventEnvelope envelope(String roomId, long version, long time, RoomEvent event) {
        return new EventEnvelope(UUID.randomUUID().toString(), roomId, version, time, "c-" + version, "test", event);
    }
}
