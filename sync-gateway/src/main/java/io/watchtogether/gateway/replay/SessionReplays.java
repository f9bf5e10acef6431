package io.watchtogether.gateway.replay;

import io.watchtogether.events.client.ClientMessages;
import io.watchtogether.gateway.stomp.ClientError;
import io.watchtogether.readmodel.history.RecordedEvent;
import io.watchtogether.readmodel.history.RoomHistoryReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The replays running on this instance, at most one per session: a new one cancels the session's previous
 * one, and a closed session's replay ends with it.
 *
 * <p>A replay re-emits a room's recorded events with their original gaps divided by the speed. Each event is
 * due at a fixed offset from the replay's start (not from the previous send), so delays do not add up; while
 * waiting for the next one a replay is a task on the scheduler, holding no thread.
 */
@Component
class SessionReplays {

    private static final Logger log = LoggerFactory.getLogger(SessionReplays.class);

    private final RoomHistoryReader history;
    private final ReplayQueue queue;
    private final ScheduledExecutorService scheduler;
    private final ReplayProperties properties;
    private final Map<String, Replay> bySession = new ConcurrentHashMap<>();

    SessionReplays(RoomHistoryReader history, ReplayQueue queue,
                   @Qualifier(ReplayConfiguration.REPLAY_SCHEDULER) ScheduledExecutorService scheduler,
                   ReplayProperties properties) {
        this.history = history;
        this.queue = queue;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /**
     * Starts replaying a room to a session from a version on, cancelling what the session was replaying.
     *
     * @return the replay's id, which every message of it carries
     */
    String start(String sessionId, String roomId, double speed, long fromVersion) {
        Replay replay = new Replay(sessionId, roomId, speed, fromVersion);
        Replay previous = bySession.put(sessionId, replay);
        if (previous != null) {
            previous.cancel();
            log.debug("Replay {} of room {} cancelled by a new one for the same session", previous.id, previous.roomId);
        }
        scheduler.execute(replay::step);
        return replay.id;
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        Replay replay = bySession.remove(event.getSessionId());
        if (replay != null) {
            replay.cancel();
        }
    }

    private final class Replay {

        private final String id = UUID.randomUUID().toString();
        private final String sessionId;
        private final String roomId;
        private final double speed;
        private final Deque<RecordedEvent> batch = new ArrayDeque<>();
        private long nextVersion;
        private boolean exhausted;
        private boolean started;
        private long startNanos;
        private long lastOriginalTime;
        private long offsetNanos;
        private int sent;
        private boolean cancelled;
        private ScheduledFuture<?> pending;

        Replay(String sessionId, String roomId, double speed, long fromVersion) {
            this.sessionId = sessionId;
            this.roomId = roomId;
            this.speed = speed;
            this.nextVersion = fromVersion;
        }

        /**
         * Sends every event that is due, then schedules itself for the next one. Synchronized with
         * {@link #cancel()}, so once that returns this replay sends nothing more.
         */
        synchronized void step() {
            try {
                while (!cancelled) {
                    RecordedEvent next = peek();
                    if (next == null) {
                        finish();
                        return;
                    }
                    if (!started) {
                        started = true;
                        startNanos = System.nanoTime();
                        lastOriginalTime = next.time();
                    }
                    long gap = scaledGap(next);
                    long wait = startNanos + offsetNanos + gap - System.nanoTime();
                    if (wait > 0) {
                        pending = scheduler.schedule(this::step, wait, TimeUnit.NANOSECONDS);
                        return;
                    }
                    batch.poll();
                    offsetNanos += gap;
                    lastOriginalTime = Math.max(lastOriginalTime, next.time());
                    send(next);
                }
            } catch (RuntimeException e) {
                log.warn("Replay {} of room {} stopped after {} events: {}", id, roomId, sent, e.toString());
                bySession.remove(sessionId, this);
                queue.error(sessionId, roomId, ClientError.INTERNAL_ERROR, "The replay stopped: the history could not be read");
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private RecordedEvent peek() {
            if (batch.isEmpty() && !exhausted) {
                batch.addAll(history.from(roomId, nextVersion, properties.batchSize()));
                exhausted = batch.size() < properties.batchSize();
                if (!batch.isEmpty()) {
                    nextVersion = batch.peekLast().version() + 1;
                }
            }
            return batch.peek();
        }

        /** The pause before this event in replay time: the recorded one (capped by max-gap) over the speed. */
        private long scaledGap(RecordedEvent next) {
            long gapMs = Math.max(0, next.time() - lastOriginalTime);
            long maxGapMs = properties.maxGap().toMillis();
            if (maxGapMs > 0) {
                gapMs = Math.min(gapMs, maxGapMs);
            }
            return (long) (TimeUnit.MILLISECONDS.toNanos(gapMs) / speed);
        }

        private void send(RecordedEvent recorded) {
            Map<String, Object> message;
            try {
                message = ClientMessages.event(recorded.envelope(), System.currentTimeMillis());
            } catch (IllegalArgumentException e) {
                // Recorded by a newer schema than this gateway knows: say so in the log, go on with the rest.
                log.warn("Replay {} skips version {} of room {}: {}", id, recorded.version(), roomId, e.getMessage());
                return;
            }
            message.put("replay", true);
            message.put("replayId", id);
            message.put("originalTime", recorded.time());
            queue.send(sessionId, message);
            sent++;
        }

        private void finish() {
            bySession.remove(sessionId, this);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "replay_finished");
            message.put("roomId", roomId);
            message.put("replayId", id);
            message.put("events", sent);
            message.put("serverTime", System.currentTimeMillis());
            queue.send(sessionId, message);
        }
    }
}
