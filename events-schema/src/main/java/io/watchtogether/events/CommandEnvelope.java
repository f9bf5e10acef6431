package io.watchtogether.events;

/**
 * A command on its way to the room processor (topic {@code room.commands}, keyed by room id).
 *
 * @param commandId       unique per request; the result on {@code room.command-results} carries it back
 * @param roomId          the room the command is for (also the record key, so one writer sees all of a room)
 * @param actor           who issued it, from the verified token
 * @param issuedAt        edge time (epoch ms) the command was received
 * @param expectedVersion optional: refuse unless the room is at exactly this version (optimistic concurrency)
 * @param idempotencyKey  optional: a retried command with the same key yields the first result again
 * @param command         the command itself
 */
public record CommandEnvelope(
        String commandId,
        String roomId,
        Actor actor,
        long issuedAt,
        Long expectedVersion,
        String idempotencyKey,
        RoomCommand command) {
}
