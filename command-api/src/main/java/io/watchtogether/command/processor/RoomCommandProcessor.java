package io.watchtogether.command.processor;

import io.watchtogether.command.rooms.Decision;
import io.watchtogether.command.rooms.RoomDecider;
import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The single writer of each room. For every command of the partitions it owns it loads the room's state,
 * asks {@link RoomDecider}, and forwards the resulting events (each with the next version) and the
 * command's result. Kafka Streams writes the events, the new state (store changelog) and the result in
 * one exactly-once transaction, so either all of them happen or none.
 *
 * <p>Besides the rooms it keeps, per room and also changelogged: the outcomes of recent commands that carried
 * an idempotency key (a retry gets the first outcome and appends nothing), and when the room last accepted a
 * command that appended no event. A wall-clock punctuator closes rooms idle for longer than the inactivity
 * timeout; since each room partition has exactly one owner task, exactly one instance closes each room.
 */
public final class RoomCommandProcessor implements Processor<String, CommandEnvelope, String, Object> {

    static final String STORE = "room-states";
    static final String KEYS_STORE = "room-command-keys";
    static final String QUIET_ACTIVITY_STORE = "room-quiet-activity";
    static final String EVENTS_SINK = "room-events-sink";
    static final String RESULTS_SINK = "command-results-sink";
    static final String INACTIVE = "inactive";

    private static final Logger log = LoggerFactory.getLogger(RoomCommandProcessor.class);

    private final RoomDecider decider;
    private final String source;
    private final LongSupplier clock;
    private final int keysPerRoom;
    private final Duration inactivityTimeout;
    private final Duration inactivityCheckInterval;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, RoomState> rooms;
    private KeyValueStore<String, RecentCommands> keys;
    private KeyValueStore<String, Long> quietActivity;

    /**
     * @param keysPerRoom             how many idempotency keys each room remembers
     * @param inactivityCheckInterval how often to look for rooms idle longer than the rules' inactivity timeout
     */
    public RoomCommandProcessor(RoomDecider decider, String source, LongSupplier clock, int keysPerRoom,
                                Duration inactivityCheckInterval) {
        this.decider = decider;
        this.source = source;
        this.clock = clock;
        this.keysPerRoom = keysPerRoom;
        this.inactivityTimeout = decider.rules().inactivityTimeout();
        this.inactivityCheckInterval = inactivityCheckInterval;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.rooms = context.getStateStore(STORE);
        this.keys = context.getStateStore(KEYS_STORE);
        this.quietActivity = context.getStateStore(QUIET_ACTIVITY_STORE);
        context.schedule(inactivityCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::closeIdleRooms);
    }

    @Override
    public void process(Record<String, CommandEnvelope> record) {
        CommandEnvelope command = record.value();
        if (command == null || command.roomId() == null || command.commandId() == null || command.actor() == null
                || command.command() == null) {
            log.warn("Skipping a command record without room, command id, actor or command (key {})", record.key());
            return;
        }
        String roomId = command.roomId();
        RoomState before = roomOrInitial(roomId);
        long now = clock.getAsLong();
        String key = command.idempotencyKey();
        if (key != null && !IdempotencyKeys.isValid(key)) {
            forwardResult(CommandResult.rejected(command.commandId(), before,
                    Rejection.of(Rejection.Reason.INVALID_COMMAND, IdempotencyKeys.rule())), now);
            return;
        }
        RecentCommands recent = key == null ? RecentCommands.NONE : recentCommands(roomId);
        Optional<RecentCommands.Remembered> first = key == null
                ? Optional.empty() : recent.find(command.actor().userId(), key);
        if (first.isPresent()) {
            // A retry: the first outcome again, under the retry's own command id (its caller waits for that).
            log.debug("Command {} repeats key {} in room {}; answering with the first outcome",
                    command.commandId(), key, roomId);
            forwardResult(first.get().resultFor(command.commandId(), before), now);
            return;
        }
        CommandResult result = decideAndAppend(command, before, now);
        if (key != null) {
            keys.put(roomId, recent.remember(
                    RecentCommands.Remembered.of(command.actor().userId(), key, result), keysPerRoom));
        }
        forwardResult(result, now);
    }

    /**
     * Decides the command and, when accepted, forwards its events (each the next version) and keeps the new
     * state; answers with the command's result.
     */
    private CommandResult decideAndAppend(CommandEnvelope command, RoomState before, long now) {
        String roomId = command.roomId();
        Decision decision = decideSafely(command, before, now);
        if (decision instanceof Decision.Rejected rejected) {
            log.debug("Rejected {} for room {}: {}", command.command().getClass().getSimpleName(), roomId,
                    rejected.rejection());
            return CommandResult.rejected(command.commandId(), before, rejected.rejection());
        }
        List<RoomEvent> events = ((Decision.Accepted) decision).events();
        RoomState state = before;
        for (RoomEvent event : events) {
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), roomId,
                    state.version() + 1, now, command.commandId(), source, event);
            state = state.evolve(envelope);
            context.forward(new Record<String, Object>(roomId, envelope, now), EVENTS_SINK);
        }
        if (!events.isEmpty()) {
            rooms.put(roomId, state);
        }
        if (state.closed()) {
            quietActivity.delete(roomId);
        } else if (events.isEmpty()) {
            // An accepted command that changes nothing (a report within tolerance, a second join) still
            // shows the room in use; events carry their own time in the state.
            quietActivity.put(roomId, now);
        }
        return CommandResult.accepted(command.commandId(), state, events.size());
    }

    /**
     * Closes every open room of this task that has seen no activity (no event and no accepted command) for
     * longer than the inactivity timeout, with a {@link RoomCommand.CloseRoom} from the system, appended like
     * any command's events.
     */
    private void closeIdleRooms(long wallClockTime) {
        long now = clock.getAsLong();
        long idleBefore = now - inactivityTimeout.toMillis();
        List<RoomState> idle = new ArrayList<>();
        try (KeyValueIterator<String, RoomState> all = rooms.all()) {
            while (all.hasNext()) {
                KeyValue<String, RoomState> entry = all.next();
                RoomState room = entry.value;
                if (room != null && room.open() && lastActivity(room) < idleBefore) {
                    idle.add(room);
                }
            }
        }
        for (RoomState room : idle) {
            long lastActivity = lastActivity(room);
            CommandEnvelope close = new CommandEnvelope("inactivity-" + UUID.randomUUID(), room.roomId(),
                    Actor.system(), now, null, null, new RoomCommand.CloseRoom(INACTIVE));
            CommandResult result = decideAndAppend(close, room, now);
            if (result.accepted()) {
                log.info("Closed room {} at version {}: no activity for {}", room.roomId(), result.version(),
                        Duration.ofMillis(now - lastActivity));
            } else {
                log.warn("Could not close idle room {}: {}", room.roomId(), result.rejection());
            }
        }
    }

    /** The time of the room's last event or of its last accepted command that appended none. */
    private long lastActivity(RoomState room) {
        Long quiet = quietActivity.get(room.roomId());
        return quiet == null ? room.lastActivityAt() : Math.max(quiet, room.lastActivityAt());
    }

    private RoomState roomOrInitial(String roomId) {
        RoomState room = rooms.get(roomId);
        return room == null ? RoomState.initial(roomId) : room;
    }

    private RecentCommands recentCommands(String roomId) {
        RecentCommands recent = keys.get(roomId);
        return recent == null ? RecentCommands.NONE : recent;
    }

    private void forwardResult(CommandResult result, long now) {
        context.forward(new Record<String, Object>(result.roomId(), result, now), RESULTS_SINK);
    }

    private Decision decideSafely(CommandEnvelope command, RoomState state, long now) {
        try {
            return decider.decide(command, state, now);
        } catch (RuntimeException e) {
            // A bug in decide must not stop every room on this partition: refuse this one command, loudly.
            log.error("decide failed for command {} on room {}", command.commandId(), command.roomId(), e);
            return Decision.reject(Rejection.Reason.INVALID_COMMAND, "The command could not be processed");
        }
    }
}
