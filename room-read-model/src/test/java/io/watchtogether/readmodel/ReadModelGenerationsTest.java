package io.watchtogether.readmodel;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.ParticipantLeft;
import io.watchtogether.events.RoomEvent.PlaybackStarted;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.watchtogether.readmodel.RoomReadModelTest.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithInfrastructure
class ReadModelGenerationsTest {

    private static final Duration RETENTION = Duration.ofHours(2);

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    private String base;
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
    void freshBase() {
        base = "gen-test-" + UUID.randomUUID();
        readModel = new RoomReadModel(redis, base, RETENTION, Duration.ZERO);
        now = System.currentTimeMillis();
    }

    @Test
    void without_a_pointer_the_base_prefix_is_the_current_generation() {
        applyAll(readModel, room("r1", now, false));

        assertThat(readModel.generation()).isEqualTo(base);
        assertThat(redis.hasKey(base + ":room:{r1}:state")).isTrue();
    }

    @Test
    void states_written_in_bulk_read_back_like_states_applied_event_by_event() {
        RoomReadModel applied = readModel;
        RoomReadModel bulk = readModel.atGeneration(readModel.generations().create());
        List<List<EventEnvelope>> logs = List.of(room("open", now - 2_000, false), room("closed", now - 1_000, true),
                room("long-closed", now - RETENTION.toMillis() - 60_000, true), room("busy", now, false));
        EventCounts counts = new EventCounts();
        List<RoomState> folded = new ArrayList<>();
        for (List<EventEnvelope> log : logs) {
            applyAll(applied, log);
            log.forEach(counts::add);
            folded.add(RoomState.fold(log.get(0).roomId(), log));
        }

        bulk.writeStates(folded);
        bulk.addEventCounts(counts);

        for (String roomId : List.of("open", "closed", "busy")) {
            assertThat(bulk.find(roomId)).isEqualTo(applied.find(roomId)).isPresent();
        }
        assertThat(bulk.listActive(0, 10)).isEqualTo(applied.listActive(0, 10)).hasSize(2);
        assertThat(bulk.roomsIdleSince(now + 1, 10)).isEqualTo(applied.roomsIdleSince(now + 1, 10));
        assertThat(bulk.stats(now)).isEqualTo(applied.stats(now));
        assertThat(bulk.stats(now).eventsLastHour()).isPositive();
        // A closed room expires when it would have in the live model; one past its retention is not written.
        assertThat(redis.getExpire(bulk.stateKey("closed"), TimeUnit.SECONDS))
                .isPositive().isLessThanOrEqualTo(RETENTION.toSeconds());
        assertThat(bulk.find("long-closed")).isEmpty();
    }

    @Test
    void after_a_switch_reads_and_writes_go_to_the_new_generation_and_the_old_one_can_be_dropped() {
        List<EventEnvelope> log = room("r1", now, false);
        applyAll(readModel, log.subList(0, 2));
        ReadModelGenerations generations = readModel.generations();
        String next = generations.create();
        readModel.atGeneration(next).writeStates(List.of(RoomState.fold("r1", log.subList(0, 2))));

        generations.switchTo(next);
        applyAll(readModel, log.subList(2, 3));

        assertThat(readModel.generation()).isEqualTo(next);
        assertThat(readModel.find("r1")).contains(RoomState.fold("r1", log.subList(0, 3)));
        assertThat(readModel.atGeneration(base).storedVersion("r1")).isEqualTo(2);
        assertThat(generations.known()).containsExactlyInAnyOrder(base, next);

        assertThatThrownBy(() -> generations.delete(next)).isInstanceOf(IllegalStateException.class);
        // The state, the active index, the participant counts and the minute counters.
        assertThat(generations.delete(base)).isGreaterThanOrEqualTo(4);
        assertThat(keysOf(base + ":room:*")).isEmpty();
        assertThat(keysOf(base + ":rooms:*")).isEmpty();
        assertThat(keysOf(base + ":events:*")).isEmpty();
        assertThat(keysOf(next + ":*")).contains(next + ":room:{r1}:state", next + ":rooms:active");
        assertThat(generations.known()).containsExactly(next);
        assertThat(readModel.find("r1")).contains(RoomState.fold("r1", log.subList(0, 3)));
    }

    @Test
    void a_cached_generation_is_used_until_its_cache_expires() {
        RoomReadModel cached = new RoomReadModel(redis, base, RETENTION, Duration.ofHours(1));
        assertThat(cached.generation()).isEqualTo(base);
        String next = readModel.generations().create();

        readModel.generations().switchTo(next);

        assertThat(readModel.generation()).isEqualTo(next);
        assertThat(cached.generation()).isEqualTo(base);
        assertThat(cached.generations().currentNow()).isEqualTo(next);
        assertThat(cached.generation()).isEqualTo(next);
    }

    @Test
    void only_prefixes_of_this_read_model_are_generations() {
        assertThatThrownBy(() -> readModel.atGeneration("other")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> readModel.atGeneration(base + ":generation")).isInstanceOf(IllegalArgumentException.class);
        assertThat(readModel.atGeneration(base + ":g42").generation()).isEqualTo(base + ":g42");
    }

    @Test
    void one_rebuild_holds_the_lock_until_it_releases_it() {
        ReadModelGenerations generations = readModel.generations();

        assertThat(generations.lockRebuild("first", Duration.ofSeconds(30))).isTrue();
        assertThat(generations.lockRebuild("second", Duration.ofSeconds(30))).isFalse();
        assertThat(generations.extendRebuildLock("second", Duration.ofSeconds(30))).isFalse();
        assertThat(generations.extendRebuildLock("first", Duration.ofSeconds(30))).isTrue();
        generations.releaseRebuildLock("second");
        assertThat(generations.rebuildOwner()).contains("first");
        generations.releaseRebuildLock("first");
        assertThat(generations.lockRebuild("second", Duration.ofSeconds(30))).isTrue();
    }

    private static Set<String> keysOf(String pattern) {
        Set<String> keys = redis.keys(pattern);
        return keys == null ? Set.of() : new TreeSet<>(keys);
    }

    private static void applyAll(RoomReadModel into, List<EventEnvelope> events) {
        String roomId = events.get(0).roomId();
        RoomState state = into.find(roomId).orElse(RoomState.initial(roomId));
        for (EventEnvelope event : events) {
            state = state.evolve(event);
            assertThat(into.apply(event, state)).isEqualTo(ApplyOutcome.APPLIED);
        }
    }

    /** Created by u0, joined by u0 and u1, playing; then, when {@code closed}, both leave and the room closes. */
    private static List<EventEnvelope> room(String roomId, long time, boolean closed) {
        PlaybackState paused = PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, time);
        Participant u0 = new Participant("u0", "user0", time);
        Participant u1 = new Participant("u1", "user1", time + 1);
        List<RoomEvent> events = new ArrayList<>(List.of(
                new RoomCreated("Movie night", "u0", false, 10, time, paused),
                new ParticipantJoined("u0", "user0", time, List.of(u0)),
                new ParticipantJoined("u1", "user1", time + 1, List.of(u0, u1)),
                new PlaybackStarted("u0", paused.playingAt(time + 2))));
        if (closed) {
            events.add(new ParticipantLeft("u1", "left", List.of(u0)));
            events.add(new ParticipantLeft("u0", "left", List.of()));
            events.add(new RoomClosed("empty"));
        }
        List<EventEnvelope> log = new ArrayList<>();
        for (RoomEvent event : events) {
            log.add(envelope(roomId, log.size() + 1, time + log.size(), event));
        }
        return log;
    }
}
