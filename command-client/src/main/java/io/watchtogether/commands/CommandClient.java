package io.watchtogether.commands;

import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.kafka.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The way into the room processor for the edges (REST in command-api, STOMP in sync-gateway): produces a
 * command to {@code room.commands}, keyed by room so one writer sees all of a room, and completes when the
 * processor's result for that command id appears on {@code room.command-results}.
 *
 * <p>Every instance reads every result partition itself (manual assignment, from the end, read_committed)
 * and ignores results of commands it did not send; instances need no coordination and no consumer group.
 * Each user may send {@link CommandClientSettings#commandsPerSecond()} commands per second (with a burst);
 * beyond that a command is refused as {@code TOO_MANY_COMMANDS} without reaching Kafka.
 */
public final class CommandClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandClient.class);
    private static final Duration TOPIC_WAIT = Duration.ofMillis(250);

    private final String commandsTopic;
    private final String resultsTopic;
    private final Duration timeout;
    private final KafkaProducer<String, CommandEnvelope> producer;
    private final KafkaConsumer<String, CommandResult> consumer;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final CommandRateLimit rateLimit;
    private final Thread poller;
    private volatile boolean running = true;

    /**
     * @param settings where Kafka is and how long to wait; the client starts reading results at once
     */
    public CommandClient(CommandClientSettings settings) {
        this.commandsTopic = settings.commandsTopic();
        this.resultsTopic = settings.resultsTopic();
        this.timeout = settings.timeout();
        this.rateLimit = new CommandRateLimit(settings.commandsPerSecond(), settings.commandBurst());
        this.producer = new KafkaProducer<>(producerConfig(settings), new StringSerializer(),
                JsonSerde.commands().serializer());
        this.consumer = new KafkaConsumer<>(consumerConfig(settings), new StringDeserializer(),
                JsonSerde.results().deserializer());
        this.poller = new Thread(this::pollResults, "command-results-" + settings.clientId());
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /**
     * Sends a command and completes with its result, or exceptionally with a {@link TimeoutException} when
     * no result arrives within the configured timeout (the command may still be applied later; a retry with
     * the same idempotency key is safe).
     */
    public CompletableFuture<CommandResult> send(CommandEnvelope command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (!rateLimit.tryAcquire(command.actor().userId(), System.nanoTime())) {
            result.complete(CommandResult.rejected(command.commandId(), RoomState.initial(command.roomId()),
                    Rejection.of(Rejection.Reason.TOO_MANY_COMMANDS, "Too many commands; slow down")));
            return result;
        }
        try {
            if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                result.completeExceptionally(new TimeoutException("Command results topic not ready"));
                return result;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
            return result;
        }
        pending.put(command.commandId(), result);
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(command.commandId()));
        producer.send(new ProducerRecord<>(commandsTopic, command.roomId(), command), (metadata, error) -> {
            if (error != null) {
                log.warn("Could not send command {} for room {}: {}", command.commandId(), command.roomId(),
                        error.toString());
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /** How many commands are waiting for their results. */
    public int pendingCount() {
        return pending.size();
    }

    private void pollResults() {
        try {
            assignAllResultPartitions();
            while (running) {
                for (ConsumerRecord<String, CommandResult> record : consumer.poll(Duration.ofMillis(200))) {
                    CommandResult result = record.value();
                    if (result == null) {
                        continue;
                    }
                    CompletableFuture<CommandResult> waiting = pending.remove(result.commandId());
                    if (waiting != null) {
                        waiting.complete(result);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Command result reader stopped; commands will time out", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void assignAllResultPartitions() {
        List<PartitionInfo> partitions = consumer.partitionsFor(resultsTopic);
        while (running && (partitions == null || partitions.isEmpty())) {
            log.info("Waiting for topic {} to exist", resultsTopic);
            try {
                Thread.sleep(TOPIC_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            partitions = consumer.partitionsFor(resultsTopic);
        }
        if (!running) {
            return;
        }
        List<TopicPartition> assignment = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(assignment);
        consumer.seekToEnd(assignment);
        // position() resolves the lazy seek now, so no result of a command sent after this point is missed.
        assignment.forEach(consumer::position);
        positioned.countDown();
        log.info("Reading command results from {} partitions of {}", assignment.size(), resultsTopic);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close(Duration.ofSeconds(5));
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("Command client closed")));
    }

    private static Map<String, Object> producerConfig(CommandClientSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-commands");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs());
        return config;
    }

    private static Map<String, Object> consumerConfig(CommandClientSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-results");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, settings.fetchMaxWaitMs());
        return config;
    }
}
