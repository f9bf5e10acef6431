package io.watchtogether.command.processor;

import io.watchtogether.command.rooms.RoomDecider;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the room processor topology inside command-api for as long as the application runs. Every
 * instance with the same application id takes a share of the room partitions.
 */
public final class RoomProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomProcessor.class);

    private final Properties config;
    private final Path temporaryStateDir;
    private final TopicSettings topics;
    private final RoomDecider decider;
    private final ProcessorSettings settings;
    private volatile KafkaStreams streams;

    public RoomProcessor(String bootstrapServers, TopicSettings topics, ProcessorSettings settings, RoomDecider decider) {
        this.topics = topics;
        this.decider = decider;
        this.settings = settings;
        boolean configured = settings.stateDir() != null && !settings.stateDir().isBlank();
        this.temporaryStateDir = configured ? null : createTemporaryStateDir();
        this.config = streamsConfig(bootstrapServers, settings,
                configured ? settings.stateDir() : temporaryStateDir.toString());
    }

    @Override
    public void start() {
        KafkaStreams created = new KafkaStreams(
                RoomProcessorTopology.build(topics, settings, decider, System::currentTimeMillis), config);
        created.setUncaughtExceptionHandler(e -> {
            log.error("Room processor thread failed; replacing it (its open transaction is aborted)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((to, from) -> log.info("Room processor {} -> {}", from, to));
        created.start();
        streams = created;
        log.info("Room processor started (application id {}, exactly_once_v2, commit interval {} ms, idle rooms "
                        + "closed after {}, checked every {})", settings.applicationId(),
                settings.commitInterval().toMillis(), decider.rules().inactivityTimeout(),
                settings.inactivityCheckInterval());
    }

    @Override
    public void stop() {
        KafkaStreams running = streams;
        if (running != null) {
            // Leave the group, so the remaining instances take this one's rooms at once instead of after the
            // session timeout (Streams otherwise stays in the group on close, expecting a quick restart).
            running.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
            streams = null;
        }
        if (temporaryStateDir != null) {
            deleteRecursively(temporaryStateDir);
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** How many room partitions (tasks) this instance processes right now. */
    public int activeTaskCount() {
        KafkaStreams running = streams;
        return running == null ? 0 : running.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum();
    }

    /** The partitions of the commands topic (so the rooms) this instance processes right now. */
    public Set<Integer> activePartitions() {
        KafkaStreams running = streams;
        return running == null ? Set.of() : running.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(topics.commands()))
                .map(TopicPartition::partition)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The Streams state ({@code RUNNING} once it processes), or {@code NOT_RUNNING} before start. */
    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }

    private static Properties streamsConfig(String bootstrapServers, ProcessorSettings settings, String stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // Commands should not wait for a batch to fill: send as soon as the transaction allows.
        props.put(StreamsConfig.producerPrefix("linger.ms"), 0);
        props.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), 10);
        props.put(StreamsConfig.POLL_MS_CONFIG, settings.pollTimeout().toMillis());
        return props;
    }

    private static Path createTemporaryStateDir() {
        try {
            return Files.createTempDirectory("room-processor-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a state folder for the room processor", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the room processor's temporary state folder {}: {}", dir, e.toString());
        }
    }
}
