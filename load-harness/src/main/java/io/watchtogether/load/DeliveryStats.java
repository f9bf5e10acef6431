package io.watchtogether.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/** Latencies (microseconds, controller send to participant receipt) and the counts of what went wrong. */
final class DeliveryStats {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private Histogram interval;

    final LongAdder delivered = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder actionsSent = new LongAdder();

    void delivered(long sendNanos, long receiveNanos) {
        recorder.recordValue(Math.max(0, (receiveNanos - sendNanos) / 1_000));
        delivered.increment();
    }

    /** The latencies since the last call, also added to the total. Called by one thread. */
    synchronized Histogram drainInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    synchronized Histogram total() {
        return total.copy();
    }
}
