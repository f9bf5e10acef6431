package io.watchtogether.system;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.Topics;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.events.kafka.JsonSerde;
import io.watchtogether.infrastructure.Infrastructure;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.infrastructure.WithInfrastructure;
import io.watchtogether.projector.RoomProjectorApplication;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.readmodel.RoomStats;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3, must show 3: a thousand rooms driven by random command sequences through the room processor, then
 * the read model rebuilt by replaying {@code room.events}, and the rebuilt state equal to the live one, room
 * by room. Runs command-api (the processor) and the projector only; commands go straight to
 * {@code room.commands}, the processor's input, because a thousand rooms over REST would take minutes here.
 */
@WithInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class ReadModelRebuildSystemTest {

    private static final int ROOMS = 1000;
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String RUN = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);

    private static ConfigurableApplicationContext commandApi;
    private static ConfigurableApplicationContext projector;
    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void start() {
        Infrastructure infra = TestInfrastructure.get();
        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.data.redis.url=" + infra.redisUrl(),
                "--spring.mongodb.uri=" + infra.mongoUri(),
                "--server.port=0");
        commandApi = CommandApiApplication.run(with(common,
                "--watch-together.jwt.secret=" + RunningSystem.SECRET, "--watch-together.accounts.bcrypt-cost=4"));
        // Its own keys and group: a read model of the whole log, untouched by other tests.
        projector = RoomProjectorApplication.run(with(common,
                "--watch-together.projector.key-prefix=" + RUN,
                "--watch-together.projector.group-id=" + RUN));
        connections = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(infra.redisUrl()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void stop() {
        if (connections != null) {
            connections.destroy();
        }
        if (projector != null) {
            projector.close();
        }
        if (commandApi != null) {
            commandApi.close();
        }
    }

    @Test
    void a_rebuilt_read_model_equals_the_live_one_room_by_room(CapturedOutput output) {
        Map<String, List<CommandEnvelope>> commands = new RandomRoomCommands(RUN.hashCode()).rooms(RUN, ROOMS);
        Map<String, Long> lastVersions = send(commands);
        RoomReadModel readModel = new RoomReadModel(redis, RUN, RoomReadModel.DEFAULT_CLOSED_ROOM_RETENTION,
                Duration.ZERO);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> lastVersions.entrySet().stream()
                .allMatch(room -> readModel.storedVersion(room.getKey()) == room.getValue()));

        // Nothing is sent from here on, so this is the live model as it stands at the switch.
        String liveGeneration = readModel.generations().currentNow();
        RoomReadModel live = readModel.atGeneration(liveGeneration);
        Map<String, RoomState> folded = foldLog(commands.keySet());
        Map<String, RoomState> liveStates = states(live, commands.keySet());
        assertThat(liveStates).isEqualTo(folded);
        long now = System.currentTimeMillis();
        Snapshot liveIndexes = Snapshot.of(live, liveGeneration, now);
        long events = lastVersions.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("Live read model: %,d rooms, %,d events of them; %s%n", ROOMS, events, liveIndexes.stats());

        JsonNode rebuild = rebuildThroughTheAdminEndpoint();

        String rebuiltGeneration = readModel.generations().currentNow();
        assertThat(rebuiltGeneration).isNotEqualTo(liveGeneration).isEqualTo(rebuild.get("generation").asString());
        RoomReadModel rebuilt = readModel.atGeneration(rebuiltGeneration);
        Map<String, RoomState> rebuiltStates = states(rebuilt, commands.keySet());
        for (String roomId : commands.keySet()) {
            assertThat(rebuiltStates.get(roomId)).as(roomId).isEqualTo(liveStates.get(roomId));
        }
        Snapshot rebuiltIndexes = Snapshot.of(rebuilt, rebuiltGeneration, now);
        assertThat(rebuiltIndexes.stats()).isEqualTo(liveIndexes.stats());
        assertThat(rebuiltIndexes.participants()).isEqualTo(liveIndexes.participants());
        assertThat(rebuiltIndexes.listed()).isEqualTo(liveIndexes.listed());
        assertThat(rebuiltIndexes).isEqualTo(liveIndexes);
        assertThat(keysOf(liveGeneration)).as("keys of the replaced generation").isEmpty();
        assertThat(rebuild.get("eventsDone").asLong()).isGreaterThanOrEqualTo(events);
        assertThat(output).contains("events/s, ETA");
        System.out.printf("Rebuild %s: %,d events, %,d rooms, %,d events/s%n", rebuild.get("id").asString(),
                rebuild.get("eventsDone").asLong(), rebuild.get("rooms").asLong(),
                rebuild.get("eventsPerSecond").asLong());
    }

    /** Sends every command, in order per room, and answers each room's version after its last command. */
    private static Map<String, Long> send(Map<String, List<CommandEnvelope>> commands) {
        Infrastructure infra = TestInfrastructure.get();
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<String, String> roomOfCommand = new HashMap<>();
        commands.forEach((roomId, list) -> list.forEach(command -> roomOfCommand.put(command.commandId(), roomId)));
        Map<String, Long> lastVersions = new HashMap<>();
        try (KafkaConsumer<String, CommandResult> results = new KafkaConsumer<>(consumerConfig,
                new StringDeserializer(), JsonSerde.results().deserializer());
             KafkaProducer<String, CommandEnvelope> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 5),
                     new StringSerializer(), JsonSerde.commands().serializer())) {
            List<TopicPartition> partitions = results.partitionsFor(Topics.COMMAND_RESULTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            results.assign(partitions);
            results.seekToEnd(partitions);
            partitions.forEach(results::position);

            long started = System.nanoTime();
            // Round-robin over the rooms, so the processor sees many rooms interleaved, as in real traffic.
            int longest = commands.values().stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (List<CommandEnvelope> room : commands.values()) {
                    if (i < room.size()) {
                        CommandEnvelope command = room.get(i);
                        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.roomId(), command));
                    }
                }
            }
            producer.flush();

            Set<String> pending = new HashSet<>(roomOfCommand.keySet());
            int accepted = 0;
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (!pending.isEmpty()) {
                assertThat(System.nanoTime()).as("results of %d commands still missing", pending.size()).isLessThan(deadline);
                for (ConsumerRecord<String, CommandResult> record : results.poll(Duration.ofMillis(500))) {
                    CommandResult result = record.value();
                    if (result != null && pending.remove(result.commandId())) {
                        lastVersions.merge(roomOfCommand.get(result.commandId()), result.version(), Math::max);
                        accepted += result.accepted() ? 1 : 0;
                    }
                }
            }
            System.out.printf("Processed %,d commands for %,d rooms (%,d accepted) in %.1f s%n", roomOfCommand.size(),
                    commands.size(), accepted, (System.nanoTime() - started) / 1e9);
        }
        return lastVersions;
    }

    /** Each room's state folded from its events in {@code room.events}, read from the first offset. */
    private static Map<String, RoomState> foldLog(Set<String> roomIds) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<String, RoomState> states = new HashMap<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new EventEnvelopeSerde.EventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, EventEnvelope> record : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope event = record.value();
                    if (roomIds.contains(event.roomId())) {
                        RoomState before = states.getOrDefault(event.roomId(), RoomState.initial(event.roomId()));
                        states.put(event.roomId(), before.evolve(event));
                    }
                }
            }
        }
        return states;
    }

    private JsonNode rebuildThroughTheAdminEndpoint() {
        RestClient admin = RestClient.create("http://localhost"
                + ":" + ((WebServerApplicationContext) projector).getWebServer().getPort());
        var started = admin.post().uri("/admin/rebuild").exchange((request, response) ->
                Map.entry(response.getStatusCode(), response.bodyTo(JsonNode.class)));
        assertThat(started.getKey()).isEqualTo(HttpStatusCode.valueOf(202));
        String id = started.getValue().get("id").asString();
        JsonNode[] status = new JsonNode[1];
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
            status[0] = admin.get().uri("/admin/rebuild/{id}", id).retrieve().body(JsonNode.class);
            return !"RUNNING".equals(status[0].get("state").asString());
        });
        assertThat(status[0].get("state").asString()).as(status[0].toString()).isEqualTo("SUCCEEDED");
        return status[0];
    }

    private static Map<String, RoomState> states(RoomReadModel generation, Set<String> roomIds) {
        Map<String, RoomState> states = new HashMap<>();
        for (String roomId : roomIds) {
            generation.find(roomId).ifPresent(state -> states.put(roomId, state));
        }
        return states;
    }

    private static List<String> keysOf(String generation) {
        List<String> keys = new ArrayList<>();
        for (String family : List.of(":room:*", ":rooms:*", ":events:*")) {
            keys.addAll(redis.keys(generation + family));
        }
        return keys;
    }

    /** What the indexes of a generation hold: the active rooms by last activity, participant counts, stats. */
    private record Snapshot(Map<String, Double> activeRooms, Map<Object, Object> participants, RoomStats stats,
                            List<String> listed) {

        static Snapshot of(RoomReadModel generation, String prefix, long now) {
            Map<String, Double> active = new TreeMap<>();
            Set<ZSetOperations.TypedTuple<String>> scored =
                    redis.opsForZSet().rangeWithScores(prefix + ":rooms:active", 0, -1);
            if (scored != null) {
                scored.forEach(tuple -> active.put(tuple.getValue(), tuple.getScore()));
            }
            return new Snapshot(active, new TreeMap<>(redis.opsForHash().entries(prefix + ":rooms:participants")),
                    generation.stats(now),
                    generation.listActive(0, 100_000).stream().map(RoomState::roomId).toList());
        }
    }

    private static String[] with(List<String> common, String... more) {
        return Stream.concat(common.stream(), Stream.of(more)).toArray(String[]::new);
    }

    /**
     * Random but mostly valid command sequences: it tracks who is present and who is admin, so joins, kicks,
     * transfers and leaves usually make sense; playback commands come from anyone present, so some are refused
     * (admin-only rooms), as in real traffic.
     */
    static final class RandomRoomCommands {

        private final Random random;

        RandomRoomCommands(long seed) {
            random = new Random(seed);
        }

        Map<String, List<CommandEnvelope>> rooms(String run, int count) {
            Map<String, List<CommandEnvelope>> rooms = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String roomId = run + "-room-" + i;
                rooms.put(roomId, room(roomId, 5 + random.nextInt(11)));
            }
            return rooms;
        }

        private List<CommandEnvelope> room(String roomId, int length) {
            List<Actor> people = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                people.add(new Actor(roomId + "-u" + i, "user" + i));
            }
            List<Actor> present = new ArrayList<>();
            Set<Actor> kicked = new HashSet<>();
            Actor admin = people.get(0);
            boolean tv = random.nextBoolean();
            List<CommandEnvelope> commands = new ArrayList<>();
            commands.add(envelope(roomId, admin, new RoomCommand.CreateRoom("Room " + roomId, tv ? "1399" : "666243",
                    tv ? "tv" : "movie", random.nextBoolean() ? null : "vidsrc", tv ? 1 : null, tv ? 1 : null,
                    random.nextInt(3) == 0)));
            present.add(admin);
            while (commands.size() < length) {
                Actor anyone = present.get(random.nextInt(present.size()));
                Actor currentAdmin = admin;
                List<Actor> guests = present.stream().filter(p -> !p.equals(currentAdmin)).toList();
                int choice = random.nextInt(12);
                RoomCommand command;
                Actor by = anyone;
                if (choice < 3) {
                    Actor joining = people.get(random.nextInt(people.size()));
                    by = joining;
                    command = new RoomCommand.JoinRoom();
                    if (!present.contains(joining) && !kicked.contains(joining)) {
                        present.add(joining);
                    }
                } else if (choice == 3) {
                    command = new RoomCommand.Play();
                } else if (choice == 4) {
                    command = new RoomCommand.Pause();
                } else if (choice == 5) {
                    command = new RoomCommand.Seek(random.nextInt(7200));
                } else if (choice == 6) {
                    command = new RoomCommand.SetPlaybackRate(new double[] {0.5, 1.0, 1.25, 1.5, 2.0}[random.nextInt(5)]);
                } else if (choice == 7) {
                    by = admin;
                    command = new RoomCommand.ChangeProvider(new String[] {"vidnest", "vidsrc", "embed"}[random.nextInt(3)]);
                } else if (choice == 8 && tv) {
                    by = admin;
                    command = new RoomCommand.ChangeEpisode(null, 1 + random.nextInt(10));
                } else if (choice == 9 && !guests.isEmpty()) {
                    Actor target = guests.get(random.nextInt(guests.size()));
                    by = admin;
                    command = new RoomCommand.KickUser(target.userId());
                    present.remove(target);
                    kicked.add(target);
                } else if (choice == 10 && !guests.isEmpty()) {
                    Actor target = guests.get(random.nextInt(guests.size()));
                    by = admin;
                    command = new RoomCommand.TransferAdmin(target.userId());
                    admin = target;
                } else if (choice == 11 && (present.size() > 1 || commands.size() == length - 1)) {
                    // The last one out closes the room: only as a room's last command, so each gets its length.
                    command = new RoomCommand.LeaveRoom("left");
                    present.remove(anyone);
                    if (anyone.equals(admin) && !present.isEmpty()) {
                        admin = present.get(0);
                    }
                } else {
                    command = new RoomCommand.Seek(random.nextInt(7200));
                }
                commands.add(envelope(roomId, by, command));
            }
            return commands;
        }

        private static CommandEnvelope envelope(String roomId, Actor actor, RoomCommand command) {
            return new CommandEnvelope(UUID.randomUUID().toString(), roomId, actor, System.currentTimeMillis(),
                    null, null, command);
        }
    }
}
