package io.watchtogether.projector.rebuild;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.kafka.EventEnvelopeSerde;
import io.watchtogether.projector.ProjectorProperties;
import io.watchtogether.readmodel.ReadModelGenerations;
import io.watchtogether.readmodel.RoomReadModel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rebuilds the Redis read model by replaying {@code room.events} from the first offset into a fresh generation
 * of keys, then switches readers and the live projector to it and drops the old keys.
 *
 * <ol>
 *   <li><b>Read.</b> Its own consumer (no group, {@code read_committed}) reads every partition from the
 *       beginning to the end offsets taken at the start, folding each room in memory with
 *       {@code RoomState.evolve} and writing the states in pipelined batches; then it takes the end offsets
 *       again and catches up, a few rounds ({@code catch-up-rounds}). Meanwhile readers and the live projector
 *       keep using the current generation, which stays complete.</li>
 *   <li><b>Switch.</b> It points the generation key at the new generation. For up to {@code generation-cache}
 *       an instance may still use the old one; for {@code switch-grace} (longer) the rebuild keeps reading the
 *       log and applies every event to the new generation with the same versioned script as the live projector,
 *       so an event the live projector wrote to the old generation at the last moment is not lost, and one it
 *       wrote to the new generation already is a duplicate. Then it reads up to the end offsets once more.</li>
 *   <li><b>Drop.</b> Nobody uses the old generation any more: its keys are unlinked.</li>
 * </ol>
 *
 * <p>Why not pause the live projector instead: the rebuild may run in another process ({@code --rebuild}) and
 * there may be several projector instances; this way nothing has to be paused and it works the same from
 * anywhere. The price is a rare, transient version gap in the live projector right after the switch (an event
 * whose predecessor it wrote to the old generation while the rebuild had not yet copied it): the live
 * projector retries it with back-off, as it does any gap, and it succeeds once the rebuild has caught up.
 *
 * <p>One rebuild at a time: a lock key in Redis, extended while it runs. A rebuild that fails before the
 * switch drops its half-built generation; any generation left over by a crash is dropped by the next rebuild.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final RoomReadModel readModel;
    private final String topic;
    private final RebuildProperties settings;
    private final Map<String, Object> consumerConfig;

    public ReadModelRebuild(RoomReadModel readModel, ProjectorProperties projector, RebuildProperties settings,
                            ConsumerFactory<?, ?> bootConsumerFactory) {
        this.readModel = readModel;
        this.topic = projector.topic();
        this.settings = settings;
        // Boot's consumer settings (bootstrap servers, security), without a group: the rebuild assigns itself
        // every partition and commits nothing.
        Map<String, Object> config = new HashMap<>(bootConsumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "room-projector-rebuild");
        this.consumerConfig = Map.copyOf(config);
    }

    /**
     * Runs a whole rebuild in the calling thread, reporting into {@code progress}.
     *
     * @return the final status
     * @throws RebuildException when another rebuild runs, or this one fails (the message says why)
     */
    public RebuildStatus run(RebuildProgress progress) {
        ReadModelGenerations generations = readModel.generations();
        if (!generations.lockRebuild(progress.id(), settings.lockTtl())) {
            String owner = generations.rebuildOwner().orElse("another rebuild");
            RebuildException busy = new RebuildException("Another rebuild is running: " + owner);
            progress.failed(busy.getMessage());
            throw busy;
        }
        String target = null;
        try {
            dropLeftovers(generations);
            String previous = generations.currentNow();
            target = generations.create();
            new Run(progress, generations, previous, target).execute();
            return progress.status();
        } catch (RuntimeException e) {
            progress.failed(reason(e));
            log.error("Rebuild {} failed: {}", progress.id(), reason(e), e);
            if (target != null) {
                dropUnlessCurrent(generations, target);
            }
            throw e instanceof RebuildException rebuild ? rebuild : new RebuildException(reason(e), e);
        } finally {
            generations.releaseRebuildLock(progress.id());
        }
    }

    /** The id of a rebuild that holds the lock now, from any process. */
    public Optional<String> runningElsewhere() {
        return readModel.generations().rebuildOwner();
    }

    private static void dropLeftovers(ReadModelGenerations generations) {
        String current = generations.currentNow();
        for (String generation : generations.known()) {
            if (!generation.equals(current)) {
                long keys = generations.delete(generation);
                log.info("Dropped generation {} left over by an earlier rebuild ({} keys)", generation, keys);
            }
        }
    }

    private static void dropUnlessCurrent(ReadModelGenerations generations, String generation) {
        try {
            if (!generation.equals(generations.currentNow())) {
                generations.delete(generation);
            }
        } catch (RuntimeException e) {
            log.warn("Could not drop the half-built generation {}; the next rebuild will: {}", generation, e.toString());
        }
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** One rebuild: its consumer, where it started, and when it last reported. */
    private final class Run {

        private final RebuildProgress progress;
        private final ReadModelGenerations generations;
        private final String previous;
        private final String target;
        private final RoomFold fold;
        private long nextReportNanos;
        private Map<TopicPartition, Long> beginning;

        Run(RebuildProgress progress, ReadModelGenerations generations, String previous, String target) {
            this.progress = progress;
            this.generations = generations;
            this.previous = previous;
            this.target = target;
            this.fold = new RoomFold(readModel.atGeneration(target), settings.roomsPerBatch());
        }

        void execute() {
            long startedAt = System.nanoTime();
            try (KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(consumerConfig,
                    new StringDeserializer(), new EventEnvelopeSerde.EventDeserializer())) {
                List<TopicPartition> partitions = partitionsOf(consumer);
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                beginning = consumer.beginningOffsets(partitions);
                // With read_committed these are the last stable offsets: nothing of an open transaction.
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                progress.reading(target, previous, distance(beginning, end));
                log.info("Rebuild {}: replaying {} ({} partitions, ~{} events) into {}, replacing {}",
                        progress.id(), topic, partitions.size(), distance(beginning, end), target, previous);
                nextReportNanos = System.nanoTime() + settings.progressInterval().toNanos();

                for (int round = 1; ; round++) {
                    readUntil(consumer, end, fold::fold);
                    Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
                    long more = distance(positions(consumer, partitions), latest);
                    if (more <= 0 || round >= settings.catchUpRounds()) {
                        break;
                    }
                    progress.moreToRead(more);
                    end = latest;
                }
                fold.flush();
                progress.offsetsDone(distance(beginning, positions(consumer, partitions)));
                log.info(progress.describe());
                progress.switching(fold.rooms());
                log.info("Rebuild {}: read {} events of {} rooms at {} events/s; switching readers to {}",
                        progress.id(), progress.status().eventsDone(), fold.rooms(), progress.eventsPerSecond(),
                        target);

                if (!generations.extendRebuildLock(progress.id(), settings.lockTtl())) {
                    throw new RebuildException("Lost the rebuild lock before switching; not switching");
                }
                generations.switchTo(target);
                followFor(consumer, settings.switchGrace());
                readUntil(consumer, consumer.endOffsets(partitions), fold::follow);
            }
            progress.dropping();
            long dropped = generations.delete(previous);
            progress.succeeded();
            RebuildStatus status = progress.status();
            log.info(String.format(Locale.ROOT,
                    "Rebuild %s done in %.1f s: %,d events, %,d rooms, %,d events/s; readers use %s; dropped %s (%,d keys)",
                    progress.id(), (System.nanoTime() - startedAt) / 1e9, status.eventsDone(), status.rooms(),
                    status.eventsPerSecond(), target, previous, dropped));
        }

        private List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new RebuildException("Topic " + topic + " does not exist: nothing to rebuild from");
            }
            return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        }

        private void readUntil(KafkaConsumer<String, EventEnvelope> consumer, Map<TopicPartition, Long> end,
                               Consumer<EventEnvelope> handler) {
            while (!reached(consumer, end)) {
                handle(consumer, handler);
            }
        }

        /** Keeps applying new events to the switched-to generation until every instance has switched too. */
        private void followFor(KafkaConsumer<String, EventEnvelope> consumer, Duration grace) {
            log.info("Rebuild {}: readers switched to {}; following the log for {} ms before dropping {}",
                    progress.id(), target, grace.toMillis(), previous);
            long until = System.nanoTime() + grace.toNanos();
            while (System.nanoTime() < until) {
                handle(consumer, fold::follow);
            }
        }

        private void handle(KafkaConsumer<String, EventEnvelope> consumer, Consumer<EventEnvelope> handler) {
            for (ConsumerRecord<String, EventEnvelope> record : consumer.poll(settings.pollTimeout())) {
                if (record.value() == null) {
                    log.warn("Rebuild {}: ignoring a record without value at {}-{}@{}", progress.id(),
                            record.topic(), record.partition(), record.offset());
                    continue;
                }
                handler.accept(record.value());
                progress.eventDone();
            }
            tick(consumer);
        }

        private void tick(KafkaConsumer<?, ?> consumer) {
            long now = System.nanoTime();
            if (now < nextReportNanos) {
                return;
            }
            nextReportNanos = now + settings.progressInterval().toNanos();
            progress.offsetsDone(distance(beginning, positions(consumer, beginning.keySet())));
            if (!generations.extendRebuildLock(progress.id(), settings.lockTtl())) {
                throw new RebuildException("Lost the rebuild lock (expired?); giving up so that two rebuilds never overlap");
            }
            log.info(progress.describe());
        }

        private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
            for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                if (consumer.position(partition.getKey()) < partition.getValue()) {
                    return false;
                }
            }
            return true;
        }

        private static Map<TopicPartition, Long> positions(KafkaConsumer<?, ?> consumer,
                                                           Iterable<TopicPartition> partitions) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition partition : partitions) {
                positions.put(partition, consumer.position(partition));
            }
            return positions;
        }

        private static long distance(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
            long sum = 0;
            for (Map.Entry<TopicPartition, Long> partition : to.entrySet()) {
                sum += Math.max(0, partition.getValue() - from.getOrDefault(partition.getKey(), 0L));
            }
            return sum;
        }
    }
}
