package io.watchtogether.browser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** One page's sampled video positions over the machine's clock, read between samples by linear interpolation. */
final class PositionTrace {

    /**
     * @param t        epoch ms (the machine's clock)
     * @param pos      video position, seconds
     * @param expected where the page's SyncPlayer wants the video at that moment, seconds (null if unknown)
     * @param offsetMs the page's clock offset estimate, server − local, ms (null if unknown)
     */
    record Sample(double t, double pos, boolean paused, Double expected, Double offsetMs) {
    }

    /** One point of the common grid: the two pages' positions and their difference in ms. */
    record Point(double t, double posA, double posB, boolean playing) {
        double differenceMs() {
            return Math.abs(posA - posB) * 1000;
        }
    }

    static final double GRID_MS = 100;

    private final String name;
    private final List<Sample> samples;

    PositionTrace(String name, List<Sample> samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException(name + " has " + samples.size() + " samples, at least 2 needed");
        }
        this.name = name;
        this.samples = samples.stream().sorted(Comparator.comparingDouble(Sample::t)).toList();
    }

    String name() {
        return name;
    }

    double start() {
        return samples.get(0).t();
    }

    double end() {
        return samples.get(samples.size() - 1).t();
    }

    int size() {
        return samples.size();
    }

    List<Sample> samples() {
        return samples;
    }

    /** The position at {@code t}, linearly interpolated between the samples around it. */
    double positionAt(double t) {
        int after = firstAtOrAfter(t);
        if (after == 0) {
            return samples.get(0).pos();
        }
        if (after == samples.size()) {
            return samples.get(samples.size() - 1).pos();
        }
        Sample a = samples.get(after - 1);
        Sample b = samples.get(after);
        double span = b.t() - a.t();
        return span <= 0 ? b.pos() : a.pos() + (b.pos() - a.pos()) * (t - a.t()) / span;
    }

    /** Whether the last sample at or before {@code t} saw the video paused. */
    boolean pausedAt(double t) {
        int after = firstAtOrAfter(t);
        Sample sample = samples.get(Math.max(0, Math.min(samples.size() - 1,
                after < samples.size() && samples.get(after).t() == t ? after : after - 1)));
        return sample.paused();
    }

    /** The first sample time at or after {@code from} when the position is within {@code toleranceS} of {@code pos}. */
    Double firstTimeNear(double from, double pos, double toleranceS) {
        for (Sample sample : samples) {
            if (sample.t() >= from && Math.abs(sample.pos() - pos) <= toleranceS) {
                return sample.t();
            }
        }
        return null;
    }

    /**
     * How far this page's video was from where its own player wanted it, |pos − expected| in ms, at the samples
     * that {@code include} accepts (by time) and where the video was playing.
     */
    double[] ownDriftsMs(java.util.function.DoublePredicate include) {
        return samples.stream()
                .filter(sample -> sample.expected() != null && !sample.paused() && include.test(sample.t()))
                .mapToDouble(sample -> Math.abs(sample.pos() - sample.expected()) * 1000).toArray();
    }

    /** The smallest and largest clock offset estimate (ms) this page's player used, or null when unknown. */
    List<Double> offsetRangeMs() {
        double[] offsets = samples.stream().filter(sample -> sample.offsetMs() != null)
                .mapToDouble(Sample::offsetMs).toArray();
        if (offsets.length == 0) {
            return null;
        }
        return List.of(SyncFigures.round(java.util.Arrays.stream(offsets).min().orElseThrow()),
                SyncFigures.round(java.util.Arrays.stream(offsets).max().orElseThrow()));
    }

    /**
     * Jumps in this page's position that playback cannot explain (backwards by more than 0.2 s, or forwards by more
     * than twice the time that passed plus 0.2 s), except where {@code expected} says one may happen.
     */
    List<Map<String, Object>> unexpectedJumps(java.util.function.DoublePredicate expected, double origin) {
        List<Map<String, Object>> jumps = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            double moved = b.pos() - a.pos();
            if ((moved < -0.2 || moved > 2 * (b.t() - a.t()) / 1000 + 0.2) && !expected.test(b.t())) {
                jumps.add(Map.of("page", name, "atMs", SyncFigures.round(b.t() - origin),
                        "fromS", SyncFigures.round(a.pos()), "toS", SyncFigures.round(b.pos())));
            }
        }
        return jumps;
    }

    /** Seconds of the span [from, to] during which this page's video was playing (by its samples). */
    double playingSeconds(double from, double to) {
        double total = 0;
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            if (!a.paused() && !b.paused()) {
                double start = Math.max(from, a.t());
                double end = Math.min(to, b.t());
                total += Math.max(0, end - start);
            }
        }
        return total / 1000;
    }

    /** Both traces on a common 100 ms grid over [from, to], clipped to where both have samples. */
    static List<Point> grid(PositionTrace a, PositionTrace b, double from, double to) {
        double start = Math.max(from, Math.max(a.start(), b.start()));
        double end = Math.min(to, Math.min(a.end(), b.end()));
        List<Point> points = new ArrayList<>();
        for (double t = start; t <= end; t += GRID_MS) {
            points.add(new Point(t, a.positionAt(t), b.positionAt(t), !a.pausedAt(t) && !b.pausedAt(t)));
        }
        return points;
    }

    /**
     * Time from {@code from} until the difference is under {@code boundMs} for the rest of {@code window}: 0 when it
     * never reached the bound, null when it is still at or above it at the end of the window.
     */
    static Double settleTime(List<Point> window, double from, double boundMs) {
        double settled = from;
        for (int i = 0; i < window.size(); i++) {
            if (window.get(i).differenceMs() >= boundMs) {
                if (i + 1 == window.size()) {
                    return null;
                }
                settled = window.get(i + 1).t();
            }
        }
        return settled - from;
    }

    private int firstAtOrAfter(double t) {
        int low = 0;
        int high = samples.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (samples.get(middle).t() < t) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low;
    }
}
