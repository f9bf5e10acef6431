package io.watchtogether.load;

import io.watchtogether.launcher.LaunchSettings;
import io.watchtogether.launcher.LocalLauncher;
import io.watchtogether.launcher.LocalSystem;
import io.watchtogether.launcher.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness against the whole system as the local launcher runs it (free ports), so it keeps working. */
class LoadHarnessSmokeTest {

    private static LocalSystem system;

    @BeforeAll
    static void start() {
        system = LocalLauncher.start(LaunchSettings.randomPorts());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void one_room_of_three_gets_every_action_once_and_in_order(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("load-result.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoadResult result = LoadHarness.run(LoadSettings.parse("--rooms=1", "--participants=3",
                "--actions-per-second=5", "--actions=10", "--duration=30s", "--grace=15s",
                "--api=http://127.0.0.1:" + system.port(Service.COMMAND_API),
                "--gateway=ws://127.0.0.1:" + system.port(Service.SYNC_GATEWAY) + "/ws", "--out=" + out),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.print(printed.toString(StandardCharsets.UTF_8));

        // The controller's own receipts are not timed: 10 actions reach the 2 other participants.
        assertThat(result.actionsSent()).isEqualTo(10);
        assertThat(result.actionsRejected()).isZero();
        assertThat(result.expectedDeliveries()).isEqualTo(20);
        assertThat(result.deliveries()).isEqualTo(20);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.outOfOrder()).isZero();
        assertThat(result.unmatched()).isZero();
        assertThat(result.p50Ms()).isPositive().isLessThanOrEqualTo(result.p99Ms());
        assertThat(result.p99Ms()).isLessThanOrEqualTo(result.maxMs());

        JsonNode json = SystemApi.JSON.readTree(out.toFile());
        assertThat(json.get("actionsSent").asLong()).isEqualTo(10);
        assertThat(json.get("deliveries").asLong()).isEqualTo(20);
        assertThat(json.get("lost").asLong()).isZero();
        assertThat(json.get("duplicated").asLong()).isZero();
        assertThat(json.get("outOfOrder").asLong()).isZero();
        assertThat(json.get("controllerReceiptsTimed").asBoolean()).isFalse();
        assertThat(json.get("deliveriesPerSecond").asDouble()).isPositive();
        assertThat(json.at("/latencyMs/p99").asDouble()).isEqualTo(result.p99Ms());
        for (String field : new String[] {"p50", "p95", "p99", "max"}) {
            assertThat(json.get("latencyMs").has(field)).as(field).isTrue();
        }
        assertThat(json.at("/services/sync-gateway").isMissingNode()).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("p99", "written");
    }
}
