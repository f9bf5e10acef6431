package io.watchtogether.gateway;

import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Topics;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.events.kafka.JsonSerde;
import io.watchtogether.gateway.fanout.RoomEventFanOut;
import io.watchtogether.infrastructure.KafkaTopics;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.tokens.AccessTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The gateway against a real Kafka broker and redis-server. The room processor lives in command-api, so the
 * tests play its part on the topics: they read the commands the gateway produces, write results and events.
 *
 * <p>Every test class extends this one unchanged, so they all share one Spring context.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=sync-gateway",
        "watch-together.gateway.tokens.secret=" + GatewayIntegrationTest.JWT_SECRET,
        "watch-together.gateway.commands.timeout=3s",
        "watch-together.gateway.membership.subscribe-wait=1s"})
public abstract class GatewayIntegrationTest {

    public static final String JWT_SECRET = "sync-gateway-test-secret-0123456789";
    protected static final Duration WAIT = Duration.ofSeconds(15);

    private static KafkaProducer<String, EventEnvelope> eventProducer;
    private static KafkaProducer<String, CommandResult> resultProducer;

    @LocalServerPort
    protected int port;
    @Autowired
    protected AccessTokens tokens;
    @Autowired
    protected RoomReadModel readModel;
    @Autowired
    private RoomEventFanOut fanOut;

    private final List<StompTestClient> clients = new ArrayList<>();
    private KafkaConsumer<String, CommandEnvelope> commands;

    @BeforeAll
    static void createTopics() {
        KafkaTopics.createTopics(bootstrapServers(), 3, Topics.COMMANDS, Topics.EVENTS, Topics.COMMAND_RESULTS);
    }

    @BeforeEach
    void readCommandsFromNowOn() {
        await().atMost(WAIT).until(fanOut::isPositioned);
        commands = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), JsonSerde.commands().deserializer());
        List<TopicPartition> partitions = commands.partitionsFor(Topics.COMMANDS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        commands.assign(partitions);
        commands.seekToEnd(partitions);
        partitions.forEach(commands::position);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(StompTestClient::close);
        commands.close();
    }

    protected StompTestClient connect(String userId) {
        StompTestClient client = StompTestClient.connect(port, tokens.issue(userId, userId + "-name"));
        clients.add(client);
        return client;
    }

    protected static String newRoomId() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Writes the room's log so far into Redis, as room-projector would. */
    protected void project(RoomLog room) {
        room.history().forEach(step -> readModel.apply(step.event(), step.after()));
    }

    /** Appends events to {@code room.events} in one transaction, as the room processor does. */
    protected static void append(EventEnvelope... events) {
        KafkaProducer<String, EventEnvelope> producer = eventProducer();
        producer.beginTransaction();
        for (EventEnvelope event : events) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, event.roomId(), event));
        }
        producer.commitTransaction();
    }

    /** Appends a record no reader can make an event of. */
    protected static void appendUnreadable(String roomId) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, roomId,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", "io.watchtogether.room.NoSuchEvent.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
    }

    protected static void answer(CommandResult result) {
        try {
            resultProducer().send(new ProducerRecord<>(Topics.COMMAND_RESULTS, result.commandId(), result))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write result", e);
        }
    }

    /** The next command the gateway produced for this room. */
    protected CommandEnvelope nextCommand(String roomId) {
        return nextCommand(command -> roomId.equals(command.roomId()));
    }

    /** The next command the gateway produced that matches. */
    protected CommandEnvelope nextCommand(Predicate<CommandEnvelope> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, CommandEnvelope> record : commands.poll(Duration.ofMillis(200))) {
                if (matching.test(record.value())) {
                    return record.value();
                }
            }
        }
        throw new AssertionError("No matching command within " + WAIT);
    }

    protected static String bootstrapServers() {
        return TestInfrastructure.get().kafkaBootstrapServers();
    }

    private static synchronized KafkaProducer<String, EventEnvelope> eventProducer() {
        if (eventProducer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "gateway-test-events-" + UUID.randomUUID());
            eventProducer = new KafkaProducer<>(config, new StringSerializer(), new EventEnvelopeSerde().serializer());
            eventProducer.initTransactions();
        }
        return eventProducer;
    }

    private static synchronized KafkaProducer<String, CommandResult> resultProducer() {
        if (resultProducer == null) {
            resultProducer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                    new StringSerializer(), JsonSerde.results().serializer());
        }
        return resultProducer;
    }
}
