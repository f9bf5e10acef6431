package io.watchtogether.command.rooms;

import io.watchtogether.command.problems.RoomProblem;
import io.watchtogether.command.processor.IdempotencyKeys;
import io.watchtogether.commands.CommandClient;
import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.tokens.TokenIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Turns a caller's request into a command envelope and hands it to the room processor. */
public class RoomCommands {

    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int ROOM_ID_LENGTH = 12;

    private final CommandClient client;
    private final SecureRandom random = new SecureRandom();

    public RoomCommands(CommandClient client) {
        this.client = client;
    }

    /**
     * Sends a command as the caller.
     *
     * @param expectedVersion from {@code If-Match}, or null
     * @param idempotencyKey  from {@code Idempotency-Key}, or null; the processor answers a retry with the same
     *                        key (from the same caller, for the same room) with the first result
     * @throws RoomProblem    {@code INVALID_COMMAND} for a key that is not 1 to 128 visible ASCII characters
     */
    public CompletableFuture<CommandResult> send(TokenIdentity caller, String roomId, RoomCommand command,
                                                 Long expectedVersion, String idempotencyKey) {
        requireValidKey(idempotencyKey);
        CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID().toString(), roomId,
                new Actor(caller.userId(), caller.username()), System.currentTimeMillis(), expectedVersion,
                idempotencyKey, command);
        return client.send(envelope);
    }

    /** A new room id: 12 characters from an unambiguous alphabet (about 70 bits), easy to share as a link. */
    public String newRoomId() {
        char[] id = new char[ROOM_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    /**
     * The id of the room a create makes: a new random one, or with an idempotency key one derived from the
     * caller and the key, so that a retried create reaches the same room (idempotency keys are remembered per
     * room) and gets the first result instead of making a second room.
     */
    public String newRoomId(TokenIdentity caller, String idempotencyKey) {
        if (idempotencyKey == null) {
            return newRoomId();
        }
        requireValidKey(idempotencyKey);
        byte[] hash = sha256(caller.userId() + "\n" + idempotencyKey);
        char[] id = new char[ROOM_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[(hash[i] & 0xff) % ID_ALPHABET.length];
        }
        return new String(id);
    }

    private static void requireValidKey(String idempotencyKey) {
        if (idempotencyKey != null && !IdempotencyKeys.isValid(idempotencyKey)) {
            throw new RoomProblem(Rejection.of(Rejection.Reason.INVALID_COMMAND, IdempotencyKeys.rule()));
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
