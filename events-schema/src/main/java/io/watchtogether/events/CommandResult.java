package io.watchtogether.events;

/**
 * The answer to one command (topic {@code room.command-results}, keyed by command id), written in the
 * same transaction as the events it caused.
 *
 * @param commandId  the command's id
 * @param roomId     the room
 * @param accepted   whether the command was accepted
 * @param version    the room's version after the command (unchanged when nothing happened or on rejection)
 * @param eventCount how many events the command appended (0 for an accepted no-op, such as a second join)
 * @param rejection  why it was refused, when not accepted
 * @param room       the room after the command, when it exists
 */
public record CommandResult(
        String commandId,
        String roomId,
        boolean accepted,
        long version,
        int eventCount,
        Rejection rejection,
        RoomState room) {

    public static CommandResult accepted(String commandId, RoomState room, int eventCount) {
        return new CommandResult(commandId, room.roomId(), true, room.version(), eventCount, null, room);
    }

    public static CommandResult rejected(String commandId, RoomState room, Rejection rejection) {
        return new CommandResult(commandId, room.roomId(), false, room.version(), 0, rejection,
                room.exists() ? room : null);
    }
}
