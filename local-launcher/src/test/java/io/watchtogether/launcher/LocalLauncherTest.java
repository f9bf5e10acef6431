package io.watchtogether.launcher;

import io.watchtogether.infrastructure.EmbeddedInfrastructure.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LocalLauncherTest {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void every_service_reports_up_and_a_second_run_starts_after_the_first_is_closed() throws InterruptedException {
        for (int run = 1; run <= 2; run++) {
            List<URI> healthEndpoints = new ArrayList<>();
            URI redis;
            Path kafkaData;
            try (LocalSystem system = LocalLauncher.start(LaunchSettings.randomPorts())) {
                for (Service service : Service.values()) {
                    healthEndpoints.add(URI.create(system.url(service) + "/actuator/health"));
                }
                redis = URI.create(system.infrastructure().redisUrl());
                kafkaData = system.infrastructure().kafkaDataDirectory();

                await().atMost(HEALTHY_WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                        assertThat(healthEndpoints).allSatisfy(endpoint -> assertThat(get(endpoint))
                                .as("GET %s", endpoint).contains("\"status\":\"UP\"")));
                assertThat(system.banner()).contains(system.url(Service.COMMAND_API), "Ctrl-C stops everything");
                assertThat(get(URI.create(system.url(Service.SYNC_GATEWAY) + "/client-config.json")))
                        .as("the web client is told where this run's command-api is")
                        .isEqualTo("200 {\"apiUrl\":\"http://localhost:" + system.port(Service.COMMAND_API) + "\"}");
            }

            await().atMost(STOPPED_WITHIN).untilAsserted(() -> {
                assertThat(healthEndpoints).allSatisfy(endpoint -> assertThat(refusesConnections(endpoint.getPort()))
                        .as("%s after close", endpoint).isTrue());
                assertThat(refusesConnections(redis.getPort())).as("redis-server after close").isTrue();
                assertThat(redisServerChildren()).as("redis-server processes left behind").isEmpty();
            });
            assertThat(kafkaData).as("Kafka's data folder after close").doesNotExist();
        }
    }

    @Test
    void a_service_that_fails_to_start_stops_everything_started_before_it() throws IOException {
        Ports infrastructure = new Ports(freePort(), freePort(), freePort());
        // Too short for the services (at least 16 characters): command-api, the first service, refuses to start.
        LaunchSettings settings = new LaunchSettings(infrastructure, 0, 0, 0, "too-short");

        assertThatThrownBy(() -> LocalLauncher.start(settings))
                .isInstanceOf(LaunchException.class)
                .hasMessageStartingWith("command-api did not start: ")
                .hasMessageContaining("JWT");

        assertThat(List.of(infrastructure.kafka(), infrastructure.redis(), infrastructure.mongo()))
                .allSatisfy(port -> assertThat(refusesConnections(port)).as("port %s after the failed start", port).isTrue());
        assertThat(redisServerChildren()).isEmpty();
    }

    @Test
    void a_taken_port_stops_the_launch_before_anything_starts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            LaunchSettings settings = new LaunchSettings(Ports.random(), 0, taken.getLocalPort(), 0, null);

            assertThatThrownBy(() -> LocalLauncher.start(settings))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageContaining(taken.getLocalPort() + " (SYNC_GATEWAY_PORT)")
                    .hasMessageContaining("already in use");
        }
        assertThat(redisServerChildren()).isEmpty();
    }

    /** Status and body, or why there is none: a failed request is a failed assertion that Awaitility retries. */
    private String get(URI uri) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
        catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return false;
        }
        catch (ConnectException refused) {
            return true;
        }
        catch (IOException other) {
            return false;
        }
    }

    private static List<ProcessHandle> redisServerChildren() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().command().orElse("").contains("redis-server"))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
