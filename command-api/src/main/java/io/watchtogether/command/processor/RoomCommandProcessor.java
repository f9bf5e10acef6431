package io.watchtogether.command.processor;

import io.watchtogether.command.rooms.Decision;
import io.watchtogether.command.rooms.RoomDecider;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The single writer of each room. For every command of the partitions it owns it loads the room's state,
 * asks {@link RoomDecider}, and forwards the resulting events (each with the next version) and the
 * command's result. Kafka Streams writes the events, the new state (store changelog) and the result in
 * one exactly-once transaction, so either all of them happen or none.
 */
public final class RoomCommandProcessor implements Processor<String, CommandEnvelope, String, Object> {

    static final String STORE = "room-states";
    static final String EVENTS_SINK = "room-events-sink";
    static final String RESULTS_SINK = "command-results-sink";

    private static final Logger log = LoggerFactory.getLogger(RoomCommandProcessor.class);

    private final RoomDecider decider;
    private final String source;
    private final LongSupplier clock;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, RoomState> rooms;

    public RoomCommandProcessor(RoomDecider decider, String source, LongSupplier clock) {
        this.decider = decider;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.rooms = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, CommandEnvelope> record) {
        CommandEnvelope command = record.value();
        if (command == null || command.roomId() == null || command.commandId() == null) {
            log.warn("Skipping a command record without room or command id (key {})", record.key());
            return;
        }
        String roomId = command.roomId();
        RoomState before = rooms.get(roomId);
        if (before == null) {
            before = RoomState.initial(roomId);
        }
        long now = clock.getAsLong();
        Decision decision = decideSafely(command, before, now);
        CommandResult result;
        if (decision instanceof Decision.Accepted accepted) {
            RoomState state = before;
            for (RoomEvent event : accepted.events()) {
                EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), roomId,
                        state.version() + 1, now, command.commandId(), source, event);
                state = state.evolve(envelope);
                context.forward(new Record<String, Object>(roomId, envelope, now), EVENTS_SINK);
            }
            if (!accepted.events().isEmpty()) {
                rooms.put(roomId, state);
            }
            result = CommandResult.accepted(command.commandId(), state, accepted.events().size());
        } else {
            Rejection rejection = ((Decision.Rejected) decision).rejection();
            result = CommandResult.rejected(command.commandId(), before, rejection);
            log.debug("Rejected {} for room {}: {}", command.command().getClass().getSimpleName(), roomId, rejection);
        }
        context.forward(new Record<String, Object>(roomId, result, now), RESULTS_SINK);
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
