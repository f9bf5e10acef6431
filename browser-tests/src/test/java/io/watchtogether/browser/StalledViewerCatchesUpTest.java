package io.watchtogether.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show 3: a viewer knocked about 700 ms behind (its {@code <video>} set back directly, behind the library's
 * back, as a stall would) is pulled back within 50 ms of the admin in at most 3 s by soft correction alone:
 * {@code playbackRate} changes, no hard seek.
 */
class StalledViewerCatchesUpTest {

    static final double STALL_S = 0.7;
    static final double BOUND_MS = 50;
    static final double CONVERGENCE_MS = 3_000;
    static final double OBSERVED_MS = 5_000;
    /**
     * At the default ±10 % a 700 ms gap closes at 100 ms per second: 7 s at the very least. Catching up in 3 s
     * takes a wider rate band, and the band is a SyncPlayer option ({@code maxRateAdjustment}) for exactly this
     * trade-off: at +35 % the gap closes at 350 ms per second. Below {@code maxRateAdjustment / correctionGain}
     * of drift the correction is proportional (rate change = gain × drift in s) and the gap shrinks exponentially
     * with time constant 1 / gain: at the default gain 1.5 the last 230 ms take about 1 s more (2.5 s in all,
     * measured), at gain 3 the last 120 ms take 0.3 s (about 2 s in all), still stable at the 100 ms tick.
     * A muted test video does not mind; a person would hear ±35 %.
     */
    static final double MAX_RATE_ADJUSTMENT = 0.35;
    static final double CORRECTION_GAIN = 3.0;

    @RegisterExtension
    static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

    private TwoViewers room;

    @AfterEach
    void close() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void viewer_700_ms_behind_is_back_within_50_ms_in_3_s_without_a_hard_seek() {
        room = TwoViewers.inOneRoom(environment, "stall " + UUID.randomUUID().toString().substring(0, 8));
        Viewer admin = room.admin();
        Viewer viewer = room.viewer();

        double playAt = admin.play();
        admin.awaitPosition(4);
        viewer.awaitPosition(4);
        viewer.page().evaluate("o => window.watchTogetherApp.player.configure(o)",
                Map.of("maxRateAdjustment", MAX_RATE_ADJUSTMENT, "correctionGain", CORRECTION_GAIN));
        double inSyncUntil = viewer.now();
        admin.awaitSampledUntil(inSyncUntil);
        List<PositionTrace.Point> before = PositionTrace.grid(admin.samples(), viewer.samples(),
                inSyncUntil - 1_000, inSyncUntil);
        assertThat(SyncFigures.percentile(differences(before), 95))
                .as("p95 difference before the stall (they start in sync), ms").isLessThanOrEqualTo(BOUND_MS);

        Map<String, Object> statsBefore = viewer.playerStats();
        double stalledAt = ((Number) viewer.page().evaluate("s => { const v = document.getElementById('video');"
                + " const t = performance.timeOrigin + performance.now(); v.currentTime = v.currentTime - s; return t; }",
                STALL_S)).doubleValue();
        viewer.awaitSampledUntil(stalledAt + OBSERVED_MS);
        admin.awaitSampledUntil(stalledAt + OBSERVED_MS);
        Map<String, Object> statsAfter = viewer.playerStats();
        admin.screenshot("stalled-viewer-admin.png");
        viewer.screenshot("stalled-viewer-viewer.png");

        List<PositionTrace.Point> after = PositionTrace.grid(admin.samples(), viewer.samples(),
                stalledAt, stalledAt + OBSERVED_MS);
        double behindMs = after.stream().filter(point -> point.t() < stalledAt + 500)
                .mapToDouble(PositionTrace.Point::differenceMs).max().orElse(0);
        Double convergenceMs = PositionTrace.settleTime(after, stalledAt, BOUND_MS);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("what", "viewer's video set back " + STALL_S + " s while playing; time until it is within "
                + BOUND_MS + " ms of the admin's for the rest of " + OBSERVED_MS / 1000 + " s");
        figures.put("maxRateAdjustment", MAX_RATE_ADJUSTMENT);
        figures.put("correctionGain", CORRECTION_GAIN);
        figures.put("stalledAtMsAfterPlay", SyncFigures.round(stalledAt - playAt));
        figures.put("behindMs", SyncFigures.round(behindMs));
        figures.put("backUnder50MsAfterMs", convergenceMs == null ? null : SyncFigures.round(convergenceMs));
        figures.put("differenceAfterConvergenceMs", convergenceMs == null ? null : SyncFigures.distribution(
                differences(after.stream().filter(point -> point.t() >= stalledAt + convergenceMs).toList())));
        figures.put("viewerPlayerBefore", statsBefore);
        figures.put("viewerPlayerAfter", statsAfter);
        figures.put("trace", after.stream().map(point -> Math.round(point.t() - stalledAt) + " ms: "
                + Math.round(point.differenceMs()) + " ms").toList());
        figures.put("command", "./mvnw -pl browser-tests verify -Dtest=StalledViewerCatchesUpTest");
        SyncFigures.report("stalled-viewer", "Viewer 700 ms behind, soft correction only (must-show 3)", figures);

        assertThat(behindMs).as("the stall put the viewer about 700 ms behind, ms").isBetween(500.0, 900.0);
        assertThat(convergenceMs).as("ms until back within 50 ms for good (null: still apart after %s ms)", OBSERVED_MS)
                .isNotNull().isLessThanOrEqualTo(CONVERGENCE_MS);
        assertThat(number(statsAfter, "hardSeeks")).as("hard seeks").isEqualTo(number(statsBefore, "hardSeeks"));
        assertThat(number(statsAfter, "softCorrections")).as("soft corrections")
                .isGreaterThan(number(statsBefore, "softCorrections"));
    }

    private static double number(Map<String, Object> stats, String field) {
        assertThat(stats.get(field)).as(field).isInstanceOf(Number.class);
        return ((Number) stats.get(field)).doubleValue();
    }

    private static double[] differences(List<PositionTrace.Point> points) {
        return points.stream().mapToDouble(PositionTrace.Point::differenceMs).toArray();
    }
}
