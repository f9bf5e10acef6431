package io.watchtogether.command.api;

import io.watchtogether.command.processor.RoomProcessor;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

final class ProcessorReady {

    private ProcessorReady() {
    }

    static void awaitRunning(RoomProcessor... processors) {
        for (RoomProcessor processor : processors) {
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
        }
    }
}
