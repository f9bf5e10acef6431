package io.watchtogether.command.processor;

import io.watchtogether.events.CommandResult;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomJson;
import io.watchtogether.events.RoomState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcomes of one room's most recent commands that carried an idempotency key, oldest first: processor
 * state beside the room's state (not part of the room's fold), in its own changelogged store, so a retry
 * finds the first outcome on whichever instance owns the room, also after a restart.
 *
 * @param commands at most the configured number per room; the oldest is forgotten first
 */
record RecentCommands(List<Remembered> commands) {

    /**
     * A command's outcome without the room snapshot (a retry gets the room as it is now), so a room's
     * entry stays small although the whole entry is rewritten with every keyed command.
     *
     * @param actorId who sent it: the same key from another user is another command
     * @param key     the caller's idempotency key
     */
    record Remembered(String actorId, String key, boolean accepted, long version, int eventCount,
                      Rejection rejection) {

        static Remembered of(String actorId, String key, CommandResult result) {
            return new Remembered(actorId, key, result.accepted(), result.version(), result.eventCount(),
                    result.rejection());
        }

        /** The first outcome again, for a retry with its own command id and the room as it is now. */
        CommandResult resultFor(String commandId, RoomState room) {
            return new CommandResult(commandId, room.roomId(), accepted, version, eventCount, rejection,
                    room.exists() ? room : null);
        }
    }

    static final RecentCommands NONE = new RecentCommands(List.of());

    RecentCommands {
        commands = List.copyOf(commands == null ? List.of() : commands);
    }

    Optional<Remembered> find(String actorId, String key) {
        return commands.stream().filter(c -> c.actorId().equals(actorId) && c.key().equals(key)).findFirst();
    }

    /** These commands and one more, keeping only the newest {@code limit}. */
    RecentCommands remember(Remembered command, int limit) {
        List<Remembered> kept = new ArrayList<>(commands);
        kept.add(command);
        return new RecentCommands(kept.subList(Math.max(0, kept.size() - limit), kept.size()));
    }

    static Serde<RecentCommands> serde() {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : RoomJson.write(value),
                (topic, bytes) -> bytes == null ? null : RoomJson.read(bytes, RecentCommands.class));
    }
}
