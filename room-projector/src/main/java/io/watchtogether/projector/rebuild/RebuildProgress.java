package io.watchtogether.projector.rebuild;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The progress of one rebuild: written by the thread that runs it, read by anyone (the admin endpoint, the
 * progress log). Every field is written by that one thread only, so volatile fields suffice.
 */
public final class RebuildProgress {

    static final String RUNNING = "RUNNING";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";

    enum Phase { STARTING, READING, SWITCHING, DROPPING, DONE }

    private final String id;
    private volatile String state = RUNNING;
    private volatile Phase phase = Phase.STARTING;
    private volatile String generation;
    private volatile String previousGeneration;
    private volatile String error;
    private volatile long eventsDone;
    private volatile long offsetsTotal;
    private volatile long offsetsDone;
    private volatile long rooms;
    private volatile long readingStartedNanos;
    private volatile long readingNanos = -1;
    private volatile long eventsRead;

    public RebuildProgress(String id) {
        this.id = id;
    }

    /** A rebuild with a fresh id. */
    public static RebuildProgress next() {
        return new RebuildProgress("rebuild-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }

    void reading(String generation, String previousGeneration, long offsetsTotal) {
        this.generation = generation;
        this.previousGeneration = previousGeneration;
        this.offsetsTotal = offsetsTotal;
        this.readingStartedNanos = System.nanoTime();
        this.phase = Phase.READING;
    }

    void moreToRead(long offsets) {
        offsetsTotal += offsets;
    }

    void eventDone() {
        eventsDone++;
    }

    void offsetsDone(long offsets) {
        offsetsDone = offsets;
    }

    void switching(long rooms) {
        this.rooms = rooms;
        this.eventsRead = eventsDone;
        this.readingNanos = System.nanoTime() - readingStartedNanos;
        this.phase = Phase.SWITCHING;
    }

    void dropping() {
        phase = Phase.DROPPING;
    }

    void succeeded() {
        phase = Phase.DONE;
        state = SUCCEEDED;
    }

    void failed(String reason) {
        error = reason;
        state = FAILED;
    }

    public RebuildStatus status() {
        boolean reading = phase == Phase.READING;
        long done = eventsDone;
        long total = reading ? Math.max(done, offsetsTotal) : done;
        return new RebuildStatus(id, state, phase.name(), generation, previousGeneration, done, total,
                eventsPerSecond(), reading ? etaSeconds() : 0, rooms, error);
    }

    /** Replay speed while reading the log: after the switch, the rate of the reading phase. */
    public long eventsPerSecond() {
        if (readingStartedNanos == 0) {
            return 0;
        }
        long nanos = readingNanos >= 0 ? readingNanos : System.nanoTime() - readingStartedNanos;
        long events = readingNanos >= 0 ? eventsRead : eventsDone;
        return nanos <= 0 ? 0 : Math.round(events * 1e9 / nanos);
    }

    private long etaSeconds() {
        long elapsed = System.nanoTime() - readingStartedNanos;
        long doneOffsets = offsetsDone;
        if (doneOffsets <= 0 || elapsed <= 0) {
            return -1;
        }
        double offsetsPerNano = (double) doneOffsets / elapsed;
        return (long) Math.ceil(Math.max(0, offsetsTotal - doneOffsets) / offsetsPerNano / TimeUnit.SECONDS.toNanos(1));
    }

    /** One line for the log: while reading, events done of the total, events/s and ETA. */
    String describe() {
        RebuildStatus status = status();
        if (phase != Phase.READING) {
            return String.format(Locale.ROOT, "Rebuild %s into %s: %s, %,d events (%,d since the switch)",
                    id, status.generation(), phase.name().toLowerCase(Locale.ROOT), status.eventsDone(),
                    status.eventsDone() - eventsRead);
        }
        return String.format(Locale.ROOT, "Rebuild %s into %s: %,d of ~%,d events (%d%%), %,d events/s, ETA %s",
                id, status.generation(), status.eventsDone(), status.eventsTotal(),
                Math.min(100, offsetsDone * 100 / Math.max(1, offsetsTotal)),
                status.eventsPerSecond(), status.etaSeconds() < 0 ? "?" : status.etaSeconds() + " s");
    }
}
