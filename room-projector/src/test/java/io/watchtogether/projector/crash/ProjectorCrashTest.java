package io.watchtogether.projector.crash;

import com.mongodb.ConnectionString;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.infrastructure.Infrastructure;
import io.watchtogether.infrastructure.KafkaTopics;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.readmodel.RoomStats;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety of the projector: it runs in a child JVM that is killed with SIGKILL (no shutdown hook, no
 * graceful stop of the listener container, no offset commit) at several points while events stream in, and
 * restarted each time. Afterwards every room's Redis state is the fold of its log and its history holds each
 * version exactly once.
 *
 * <p>The projector handles an event in three steps: the Redis apply, the history append, the offset commit. Two
 * kills land in between for certain: the projector reaches MongoDB through a proxy, which holds back its
 * requests (stuck after the Redis apply, before the append) or the answers (stuck after the append, before the
 * commit) until the kill. The others land where chance puts them: mid-stream, and right after a restart.
 */
@WithInfrastructure
class ProjectorCrashTest {

    private static final Logger log = LoggerFactory.getLogger(ProjectorCrashTest.class);

    private static final int ROOMS = 40;
    private static final int PARTITIONS = 3;
    /** Events published but not yet in the history before the producer waits: events keep streaming in. */
    private static final int BACKLOG = 400;
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** The last run projects most of the log, on a busy machine perhaps at a few dozen events a second. */
    private static final Duration CAUGHT_UP_WITHIN = Duration.ofSeconds(120);

    private final Infrastructure infrastructure = TestInfrastructure.get();
    private final String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "room.events." + run;
    private final String groupId = "room-projector-" + run;
    private final String historyCollection = "room_history_" + run.replace('-', '_');
    private final Path outputs = Path.of("target", "projector-crash", run);

    private final ExecutorService producerThread = Executors.newSingleThreadExecutor();
    /** Offsets of the published events, by partition: to tell how many events a committed offset covers. */
    private final Map<Integer, NavigableSet<Long>> publishedOffsets = new ConcurrentHashMap<>();
    private final List<ProjectorProcess> started = new ArrayList<>();
    private PausableTcpProxy mongoProxy;
    private LettuceConnectionFactory redisConnections;
    private MongoClient mongoClient;
    private Admin admin;

    private RoomReadModel readModel;
    private MongoCollection<Document> history;

    @AfterEach
    void stopEverything() {
        started.stream().filter(ProjectorProcess::isAlive).forEach(ProjectorProcess::kill);
        producerThread.shutdownNow();
        if (mongoProxy != null) {
            mongoProxy.close();
        }
        if (redisConnections != null) {
            redisConnections.destroy();
        }
        if (mongoClient != null) {
            mongoClient.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void projector_killed_mid_stream_and_restarted_neither_skips_nor_applies_twice() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, List<EventEnvelope>> logs = randomLogs(random);
        int total = logs.values().stream().mapToInt(List::size).sum();
        log.info("Run {} (seed {}): {} events of {} rooms on {}", run, seed, total, ROOMS, topic);
        connect();
        KafkaTopics.createTopics(infrastructure.kafkaBootstrapServers(), PARTITIONS, topic);
        List<EventEnvelope> order = interleave(logs, random);
        Future<?> publishing = producerThread.submit(() -> publish(order, new Random(seed + 1)));

        List<KillPoint> kills = new ArrayList<>();
        // Mid-stream, at a random moment.
        ProjectorProcess projector = startProjector();
        awaitHistoryGrowsBy(projector, 60 + random.nextInt(150), total);
        kills.add(kill(projector, "mid-stream"));

        // Between the Redis apply of an event and its history append: MongoDB stops taking requests, then the kill.
        projector = startProjector();
        awaitHistoryGrowsBy(projector, 60 + random.nextInt(150), total);
        mongoProxy.holdRequests();
        awaitStuck(projector, (applied, recorded) -> applied > recorded);
        kills.add(kill(projector, "between Redis apply and history append"));

        // On the first history append after the restart, with an uncommitted event still to be redelivered.
        projector = startProjector();
        awaitHistoryGrowsBy(projector, 1, total);
        kills.add(kill(projector, "first history append after a restart"));

        // Between the history append and the offset commit: MongoDB stores the event but its answer is held back.
        projector = startProjector();
        awaitHistoryGrowsBy(projector, 60 + random.nextInt(150), total);
        holdResponsesUntilAnEventIsRecordedButNotCommitted(projector, total);
        kills.add(kill(projector, "between history append and offset commit"));

        ProjectorProcess last = startProjector();
        await().atMost(CAUGHT_UP_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last.assertAlive();
            assertThat(List.of(redisApplied(), historyCount()))
                    .as(() -> "events in Redis and in the history, of " + total + "; the projector's last error: " + last.lastError())
                    .containsExactly((long) total, (long) total);
        });
        publishing.get(CAUGHT_UP_WITHIN.toSeconds(), TimeUnit.SECONDS);
        kills.forEach(kill -> log.info("{}", kill));

        for (KillPoint kill : kills) {
            assertThat(kill.exitStatus()).as("%s ended by SIGKILL", kill).isEqualTo(ProjectorProcess.KILLED);
            assertThat(kill.committed()).as("%s: offsets are committed only after both writes", kill)
                    .isLessThanOrEqualTo(kill.recordedInHistory());
            assertThat(kill.recordedInHistory()).as("%s: Redis is written first", kill)
                    .isLessThanOrEqualTo(kill.appliedToRedis());
        }
        KillPoint beforeAppend = kills.get(1);
        assertThat(beforeAppend.appliedToRedis()).as("%s: an event in Redis and not in the history", beforeAppend)
                .isGreaterThan(beforeAppend.recordedInHistory());
        KillPoint beforeCommit = kills.get(3);
        assertThat(beforeCommit.committed()).as("%s: an event in both views but not committed", beforeCommit)
                .isLessThan(beforeCommit.recordedInHistory());

        assertEveryRoomIsTheFoldOfItsLog(logs);
        assertIndexesMatch(logs, total, kills.size());
    }

    private void assertEveryRoomIsTheFoldOfItsLog(Map<String, List<EventEnvelope>> logs) {
        SoftAssertions softly = new SoftAssertions();
        logs.forEach((roomId, events) -> {
            softly.assertThat(readModel.find(roomId)).as("Redis state of %s", roomId)
                    .contains(RoomState.fold(roomId, events));
            List<String> recorded = new ArrayList<>();
            for (Document document : history.find(Filters.eq("roomId", roomId)).sort(Sorts.ascending("version"))) {
                recorded.add(document.get("version") + ":" + document.getString("eventId"));
            }
            softly.assertThat(recorded).as("history of %s: versions 1..%d once each, the log's events", roomId, events.size())
                    .isEqualTo(events.stream().map(event -> event.version() + ":" + event.id()).toList());
        });
        softly.assertThat(history.countDocuments()).as("history entries").isEqualTo(
                logs.values().stream().mapToLong(List::size).sum());
        softly.assertAll();
    }

    /**
     * The indexes are rewritten from the state on a redelivery, so they are exact; a per-minute counter may lose
     * the count of the event being applied when the process dies, never count one twice.
     */
    private void assertIndexesMatch(Map<String, List<EventEnvelope>> logs, int total, int kills) {
        List<RoomState> open = logs.entrySet().stream()
                .map(room -> RoomState.fold(room.getKey(), room.getValue())).filter(RoomState::open).toList();
        Set<String> openIds = open.stream().map(RoomState::roomId).collect(Collectors.toSet());
        assertThat(readModel.listActive(0, ROOMS + 1)).extracting(RoomState::roomId).containsExactlyInAnyOrderElementsOf(openIds);
        RoomStats stats = readModel.stats(System.currentTimeMillis());
        assertThat(stats.activeRooms()).isEqualTo(open.size());
        assertThat(stats.participants()).isEqualTo(open.stream().mapToLong(room -> room.participants().size()).sum());
        assertThat(stats.eventsLastHour()).isBetween((long) total - kills, (long) total);
    }

    private void connect() {
        redisConnections = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(infrastructure.redisUrl()));
        redisConnections.afterPropertiesSet();
        redisConnections.start();
        readModel = new RoomReadModel(new StringRedisTemplate(redisConnections), run);
        ConnectionString mongo = new ConnectionString(infrastructure.mongoUri());
        mongoClient = MongoClients.create(mongo);
        history = mongoClient.getDatabase(mongo.getDatabase()).getCollection(historyCollection);
        ServerAddress server = new ServerAddress(mongo.getHosts().get(0));
        mongoProxy = new PausableTcpProxy(server.getHost(), server.getPort());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
    }

    private ProjectorProcess startProjector() {
        ConnectionString mongo = new ConnectionString(infrastructure.mongoUri());
        ProjectorProcess projector = ProjectorProcess.start(List.of(
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.data.redis.url=" + infrastructure.redisUrl(),
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongoProxy.port() + "/" + mongo.getDatabase(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--watch-together.projector.topic=" + topic,
                "--watch-together.projector.group-id=" + groupId,
                "--watch-together.projector.key-prefix=" + run,
                "--watch-together.projector.history-collection=" + historyCollection,
                "--watch-together.projector.retry-initial-interval=100ms",
                "--watch-together.projector.retry-max-interval=1s",
                // Static membership: a restarted instance takes over its partitions at once instead of waiting
                // for the killed one's session to time out (it never left the group).
                "--spring.kafka.consumer.properties.group.instance.id=" + groupId + "-instance"),
                outputs.resolve("projector-" + (started.size() + 1) + ".log"));
        started.add(projector);
        return projector;
    }

    private void awaitHistoryGrowsBy(ProjectorProcess projector, int events, int total) {
        long target = Math.min(historyCount() + events, total - 100L);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            projector.assertAlive();
            assertThat(historyCount()).as(() -> "events in the history; the projector's last error: " + projector.lastError())
                    .isGreaterThanOrEqualTo(target);
        });
    }

    /**
     * Holds MongoDB's answers until the projector is blocked with an event in the history whose offset is not
     * committed. The hold usually lands on an insert, but it can land on a request that is no insert (a
     * connection's handshake, a heartbeat the driver then acts on), leaving the projector stuck before the append:
     * then the connections are dropped, the projector reconnects and moves on, and the hold is tried again.
     */
    private void holdResponsesUntilAnEventIsRecordedButNotCommitted(ProjectorProcess projector, int total) throws Exception {
        for (int attempt = 1; ; attempt++) {
            mongoProxy.holdResponses();
            long[] stuckAt = awaitStuck(projector, (applied, recorded) -> true);
            long committed = committedEvents();
            if (stuckAt[0] == stuckAt[1] && committed < stuckAt[1]) {
                return;
            }
            log.warn("Hold {} of MongoDB's answers stopped the projector at {} events in Redis, {} in the history, {} committed;"
                    + " not between append and commit, trying again", attempt, stuckAt[0], stuckAt[1], committed);
            assertThat(attempt).as("attempts to stop the projector between a history append and its offset commit")
                    .isLessThan(5);
            mongoProxy.dropConnectionsAndResume();
            awaitHistoryGrowsBy(projector, 20, total);
        }
    }

    /**
     * Waits until the projector makes no progress over two polls, in the given position: it is blocked on
     * MongoDB, where the proxy holds its request or the answer. Returns the events applied to Redis and recorded
     * in the history then.
     */
    private long[] awaitStuck(ProjectorProcess projector, BiPredicate<Long, Long> appliedAndRecorded) {
        long[] previous = {-1, -1};
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            projector.assertAlive();
            long recorded = historyCount();
            long applied = redisApplied();
            boolean unchanged = recorded == previous[0] && applied == previous[1];
            previous[0] = recorded;
            previous[1] = applied;
            return unchanged && appliedAndRecorded.test(applied, recorded);
        });
        return new long[] {previous[1], previous[0]};
    }

    private KillPoint kill(ProjectorProcess projector, String where) throws Exception {
        int status = projector.kill();
        mongoProxy.dropConnectionsAndResume();
        return new KillPoint(where, status, redisApplied(), historyCount(), committedEvents());
    }

    /**
     * Where a kill landed, in events: applied to Redis (sum of the rooms' stored versions), recorded in the
     * history, and covered by the group's committed offsets. Those after the committed ones are redelivered.
     */
    record KillPoint(String where, int exitStatus, long appliedToRedis, long recordedInHistory, long committed) {
        @Override
        public String toString() {
            return "kill " + where + " (exit " + exitStatus + "): " + appliedToRedis + " events in Redis, "
                    + recordedInHistory + " in the history, " + committed + " committed";
        }
    }

    private long historyCount() {
        return history.estimatedDocumentCount();
    }

    private long redisApplied() {
        long sum = 0;
        for (int room = 0; room < ROOMS; room++) {
            sum += readModel.storedVersion(roomId(room));
        }
        return sum;
    }

    private long committedEvents() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long events = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> partition : committed.entrySet()) {
            if (partition.getValue() != null) {
                events += publishedOffsets.getOrDefault(partition.getKey().partition(), new ConcurrentSkipListSet<>())
                        .headSet(partition.getValue().offset()).size();
            }
        }
        return events;
    }

    private String roomId(int room) {
        return "room-" + run + "-" + room;
    }

    /** Every fifth room ends closed; rooms run 15 to 65 events, within the last hour so the statistics count them. */
    private Map<String, List<EventEnvelope>> randomLogs(Random random) {
        long start = System.currentTimeMillis() - Duration.ofMinutes(20).toMillis();
        Map<String, List<EventEnvelope>> logs = new LinkedHashMap<>();
        for (int room = 0; room < ROOMS; room++) {
            logs.put(roomId(room), RandomRoomLogs.of(roomId(room), 15 + random.nextInt(51), room % 5 == 0,
                    start + random.nextInt(600_000), random));
        }
        return logs;
    }

    /** The rooms' events in one random order that keeps each room's own order, as a processor interleaves them. */
    private static List<EventEnvelope> interleave(Map<String, List<EventEnvelope>> logs, Random random) {
        List<List<EventEnvelope>> remaining = new ArrayList<>();
        logs.values().forEach(events -> remaining.add(new ArrayList<>(events)));
        List<EventEnvelope> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            int room = random.nextInt(remaining.size());
            List<EventEnvelope> events = remaining.get(room);
            for (int taken = 1 + random.nextInt(3); taken > 0 && !events.isEmpty(); taken--) {
                order.add(events.remove(0));
            }
            if (events.isEmpty()) {
                remaining.remove(room);
            }
        }
        return order;
    }

    /** Publishes in transactions of 1 to 40 events, as the room processor does, never more than BACKLOG ahead. */
    private void publish(List<EventEnvelope> order, Random random) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, run + "-producer");
        try (Producer<String, EventEnvelope> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new EventEnvelopeSerde.EventSerializer())) {
            producer.initTransactions();
            int published = 0;
            while (published < order.size()) {
                int alreadyPublished = published;
                await().atMost(WITHIN).pollInterval(Duration.ofMillis(50))
                        .until(() -> alreadyPublished - historyCount() < BACKLOG);
                List<EventEnvelope> batch = order.subList(published, Math.min(order.size(), published + 1 + random.nextInt(40)));
                producer.beginTransaction();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (EventEnvelope event : batch) {
                    sent.add(producer.send(new ProducerRecord<>(topic, event.roomId(), event)));
                }
                // Offsets are known once sent; recorded before the commit makes the events visible to the projector.
                producer.flush();
                for (Future<RecordMetadata> metadata : sent) {
                    RecordMetadata record = metadata.get();
                    publishedOffsets.computeIfAbsent(record.partition(), partition -> new ConcurrentSkipListSet<>())
                            .add(record.offset());
                }
                producer.commitTransaction();
                published += batch.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Publishing the room events failed", e);
        }
    }
}
