package io.watchtogether.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show 2: two people in two browser contexts watch the gateway's test video in one room while the admin plays,
 * seeks, pauses, resumes, sets rate 1.25 and seeks back, all through the page's controls. Each page samples its own
 * {@code <video>} every 50 ms against the machine's clock; on a common 100 ms grid the two positions must differ
 * by at most 50 ms at p95 in steady state (from 1 s after each command on), and a seek must be over, both
 * videos again within 50 ms of each other, within 1 s of the click.
 */
class TwoViewersStayInSyncTest {

    static final double BOUND_MS = 50;
    static final double SETTLE_MS = 1_000;
    static final double MIN_PLAYBACK_S = 20;

    @RegisterExtension
    static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

    private TwoViewers room;

    /** A click on an admin control, at the admin page's clock just before the click. */
    record Command(String name, double at, Double seekTarget) {
    }

    @AfterEach
    void close() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void two_viewers_stay_within_50_ms_through_play_seek_pause_resume_and_rate_change() {
        room = TwoViewers.inOneRoom(environment, "in sync " + UUID.randomUUID().toString().substring(0, 8));
        Viewer admin = room.admin();
        Viewer viewer = room.viewer();
        List<Command> commands = new ArrayList<>();

        commands.add(new Command("play", admin.play(), null));
        awaitBoth(admin, viewer, 6);

        commands.add(new Command("seek 30", admin.seek(30), 30.0));
        requireSeekHeld(admin, viewer, commands);
        awaitBoth(admin, viewer, 36);

        commands.add(new Command("pause", admin.pause(), null));
        admin.awaitPaused();
        viewer.awaitPaused();
        double pausedAt = commands.get(commands.size() - 1).at();
        admin.awaitSampledUntil(pausedAt + 2_000);
        viewer.awaitSampledUntil(pausedAt + 2_000);

        double resumedFrom = admin.currentTime();
        commands.add(new Command("resume", admin.play(), null));
        awaitBoth(admin, viewer, resumedFrom + 5);

        double rateFrom = admin.currentTime();
        commands.add(new Command("rate 1.25", admin.setRate("1.25"), null));
        awaitBoth(admin, viewer, rateFrom + 7.5);

        commands.add(new Command("seek 15", admin.seek(15), 15.0));
        requireSeekHeld(admin, viewer, commands);
        awaitBoth(admin, viewer, 21);

        double end = admin.now();
        admin.awaitSampledUntil(end);
        viewer.awaitSampledUntil(end);
        admin.screenshot("two-viewers-admin.png");
        viewer.screenshot("two-viewers-viewer.png");

        PositionTrace a = admin.samples();
        PositionTrace b = viewer.samples();
        double start = commands.get(0).at();
        List<PositionTrace.Point> grid = PositionTrace.grid(a, b, start, end);

        List<PositionTrace.Point> steady = grid.stream().filter(point -> !justAfterACommand(point.t(), commands)).toList();
        List<PositionTrace.Point> steadyPlaying = steady.stream().filter(PositionTrace.Point::playing).toList();
        double[] steadyDifferences = differences(steady);
        double[] playingDifferences = differences(steadyPlaying);
        double playbackSeconds = steadyPlaying.size() * PositionTrace.GRID_MS / 1000;

        List<Map<String, Object>> phases = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            double phaseEnd = i + 1 < commands.size() ? commands.get(i + 1).at() : end;
            List<PositionTrace.Point> phase = steady.stream()
                    .filter(point -> point.t() >= command.at() && point.t() < phaseEnd).toList();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("after", command.name());
            figures.put("atMs", SyncFigures.round(command.at() - start));
            figures.put("steadyDifferenceMs", phase.isEmpty() ? null : SyncFigures.distribution(differences(phase)));
            phases.add(figures);
        }

        List<Map<String, Object>> unexpectedJumps = new ArrayList<>();
        for (PositionTrace trace : List.of(a, b)) {
            unexpectedJumps.addAll(trace.unexpectedJumps(t -> justAfterASeek(t, commands), start));
        }

        List<Map<String, Object>> seeks = new ArrayList<>();
        List<Double> settleTimes = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command seek = commands.get(i);
            if (seek.seekTarget() == null) {
                continue;
            }
            double windowEnd = Math.min(seek.at() + 3_000, i + 1 < commands.size() ? commands.get(i + 1).at() : end);
            List<PositionTrace.Point> window = grid.stream()
                    .filter(point -> point.t() >= seek.at() && point.t() <= windowEnd).toList();
            Double settle = PositionTrace.settleTime(window, seek.at(), BOUND_MS);
            settleTimes.add(settle);
            Double jumpA = a.firstTimeNear(seek.at(), seek.seekTarget(), 0.3);
            Double jumpB = b.firstTimeNear(seek.at(), seek.seekTarget(), 0.3);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seek", seek.name());
            figures.put("backUnder50MsAfterMs", settle == null ? null : SyncFigures.round(settle));
            figures.put("maxDifferenceWithin3sMs", SyncFigures.round(window.stream()
                    .mapToDouble(PositionTrace.Point::differenceMs).max().orElse(0)));
            figures.put("adminAtTargetAfterMs", jumpA == null ? null : SyncFigures.round(jumpA - seek.at()));
            figures.put("viewerAtTargetAfterMs", jumpB == null ? null : SyncFigures.round(jumpB - seek.at()));
            seeks.add(figures);
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("what", "|admin position - viewer position| in ms on a 100 ms grid, two Chromium pages, one clock;"
                + " steady state excludes the first 1 s after each command; a seek's backUnder50MsAfterMs is the time"
                + " from the click until the difference stays under 50 ms (0: it never reached 50 ms)");
        figures.put("commands", commands.stream().map(command -> command.name() + " at +"
                + Math.round(command.at() - start) + " ms").toList());
        figures.put("samples", Map.of(admin.name(), a.size(), viewer.name(), b.size()));
        figures.put("playbackSampledS", SyncFigures.round(playbackSeconds));
        figures.put("steadyPlayingDifferenceMs", SyncFigures.distribution(playingDifferences));
        figures.put("steadyAllDifferenceMs", SyncFigures.distribution(steadyDifferences));
        java.util.function.DoublePredicate steadyTime = t -> t >= start && t <= end && !justAfterACommand(t, commands);
        // Diagnosis: each page against its own player's expectation, and the clock offsets the two pages estimated
        // (one machine, so the true offsets are equal: any difference is the pages' time-sync error).
        figures.put("ownDriftSteadyPlayingMs", Map.of(
                admin.name(), SyncFigures.distribution(a.ownDriftsMs(steadyTime)),
                viewer.name(), SyncFigures.distribution(b.ownDriftsMs(steadyTime))));
        Map<String, Object> offsets = new LinkedHashMap<>();
        offsets.put(admin.name(), a.offsetRangeMs());
        offsets.put(viewer.name(), b.offsetRangeMs());
        figures.put("clockOffsetRangeMs", offsets);
        figures.put("phases", phases);
        figures.put("seeks", seeks);
        figures.put("unexpectedJumps", unexpectedJumps);
        figures.put("adminPlayer", admin.playerStats());
        figures.put("viewerPlayer", viewer.playerStats());
        figures.put("command", "./mvnw -pl browser-tests verify -Dtest=TwoViewersStayInSyncTest");
        SyncFigures.report("two-viewers", "Two viewers, one room: position difference (must-show 2)", figures);
        writeSamples(admin, viewer, commands);

        assertThat(unexpectedJumps).as("position jumps that no seek explains").isEmpty();
        assertThat(playbackSeconds).as("seconds of steady playback sampled").isGreaterThanOrEqualTo(MIN_PLAYBACK_S);
        assertThat(SyncFigures.percentile(playingDifferences, 95)).as("p95 difference while playing, ms")
                .isLessThanOrEqualTo(BOUND_MS);
        assertThat(SyncFigures.percentile(steadyDifferences, 95)).as("p95 difference in steady state, ms")
                .isLessThanOrEqualTo(BOUND_MS);
        assertThat(settleTimes).as("ms from each seek's click until the videos are within 50 ms for good (null: not"
                + " within 3 s)").hasSize(2).allSatisfy(settle -> assertThat(settle).isNotNull().isLessThanOrEqualTo(SETTLE_MS));
    }

    /**
     * The last command, a seek, took effect on both pages and held: 1.5 s after the click both videos are just past
     * the target. (Fails early, with the samples and messages written, instead of playing on from where a reverted
     * seek left the room.)
     */
    private static void requireSeekHeld(Viewer admin, Viewer viewer, List<Command> commands) {
        Command seek = commands.get(commands.size() - 1);
        double checkAt = seek.at() + 1_500;
        admin.awaitSampledUntil(checkAt);
        viewer.awaitSampledUntil(checkAt);
        for (Viewer page : List.of(admin, viewer)) {
            double position = page.samples().positionAt(checkAt);
            if (position < seek.seekTarget() || position > seek.seekTarget() + 2.5) {
                Path file = writeSamples(admin, viewer, commands);
                assertThat(position).as("%s's position 1.5 s after '%s' (samples and messages in %s)", page.name(),
                        seek.name(), file).isBetween(seek.seekTarget(), seek.seekTarget() + 2.5);
            }
        }
    }

    /** The raw samples and the playback messages both pages received, for diagnosis and for plots in docs. */
    private static Path writeSamples(Viewer admin, Viewer viewer, List<Command> commands) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commands", commands);
        data.put(admin.name(), admin.samples().samples());
        data.put(viewer.name(), viewer.samples().samples());
        data.put(admin.name() + "Messages", admin.messages());
        data.put(viewer.name() + "Messages", viewer.messages());
        return SyncFigures.write("two-viewers-samples", data);
    }

    private static boolean justAfterASeek(double t, List<Command> commands) {
        return commands.stream().anyMatch(command -> command.seekTarget() != null
                && t >= command.at() && t < command.at() + 2 * SETTLE_MS);
    }

    private static void awaitBoth(Viewer admin, Viewer viewer, double seconds) {
        admin.awaitPosition(seconds);
        viewer.awaitPosition(seconds);
    }

    private static boolean justAfterACommand(double t, List<Command> commands) {
        return commands.stream().anyMatch(command -> t >= command.at() && t < command.at() + SETTLE_MS);
    }

    private static double[] differences(List<PositionTrace.Point> points) {
        return points.stream().mapToDouble(PositionTrace.Point::differenceMs).toArray();
    }
}
