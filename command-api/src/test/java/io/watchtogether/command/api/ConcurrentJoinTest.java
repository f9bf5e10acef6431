package io.watchtogether.command.api;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.command.processor.RoomProcessor;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-api instances (two Kafka Streams instances of one application id) take joins for one room
 * at once: the single writer per room keeps the cap exact.
 */
@CommandApiTest
class ConcurrentJoinTest {

    private static final int USERS = 30;
    private static final int TOPIC_PARTITIONS = 6;

    @LocalServerPort
    int port;

    @Autowired
    RoomProcessor processor;

    private ConfigurableApplicationContext second;

    @BeforeEach
    void startASecondInstance() throws Exception {
        second = CommandApiApplication.run(
                "--server.port=0",
                "--watch-together.jwt.secret=" + CommandApiTest.SECRET,
                "--watch-together.accounts.bcrypt-cost=4",
                "--watch-together.api.command-timeout=20s",
                "--watch-together.processor.state-dir=" + Files.createTempDirectory("second-processor"));
        ProcessorReady.awaitRunning(processor, second.getBean(RoomProcessor.class));
    }

    @AfterEach
    void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
        // The remaining instance takes every room partition back before other tests send commands.
        await().atMost(Duration.ofSeconds(60)).until(() -> processor.activeTaskCount() == TOPIC_PARTITIONS);
    }

    @Test
    void thirty_simultaneous_joins_through_two_instances_give_ten_participants_and_twenty_refusals() throws Exception {
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        List<ApiClient> instances = List.of(new ApiClient(port), new ApiClient(secondPort));
        List<ApiClient.User> users = IntStream.range(0, USERS)
                .mapToObj(i -> instances.get(i % 2).register("crowd-" + i + "-" + System.nanoTime()))
                .toList();
        ApiClient.Response created = instances.get(0).post("/auth/watch-together/rooms", users.get(0).token(),
                Map.of("name", "Crowded", "mediaId", "603", "mediaType", "movie"));
        assertThat(created.status()).isEqualTo(201);
        String roomId = created.data().get("roomId").asString();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(USERS - 1);
        List<CompletableFuture<ApiClient.Response>> joins = IntStream.range(1, USERS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return instances.get(i % 2).post("/auth/watch-together/rooms/" + roomId + "/join",
                            users.get(i).token(), Map.of());
                }, pool))
                .toList();
        start.countDown();
        List<ApiClient.Response> answers = joins.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        long accepted = answers.stream().filter(r -> r.status() == 200).count();
        List<ApiClient.Response> refused = answers.stream().filter(r -> r.status() != 200).toList();
        assertThat(accepted).as("joins accepted besides the creator").isEqualTo(9);
        assertThat(refused).hasSize(20).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.body().get("code").asString()).isEqualTo("ROOM_FULL");
        });

        List<EventEnvelope> log = RoomEventsLog.eventsOf(roomId);
        RoomState folded = RoomState.fold(roomId, log);
        assertThat(folded.participants()).hasSize(10);
        assertThat(log.stream().filter(e -> e.event() instanceof RoomEvent.ParticipantJoined)).hasSize(10);
        assertThat(log).extracting(EventEnvelope::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, log.size()).mapToObj(Long::valueOf).toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
