package io.watchtogether.command.rooms;

import io.watchtogether.commands.CommandClient;
import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.tokens.TokenIdentity;

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
     * @param idempotencyKey  from {@code Idempotency-Key}, or null
     */
    public CompletableFuture<CommandResult> send(TokenIdentity caller, String roomId, RoomCommand command,
                                                 Long expectedVersion, String idempotencyKey) {
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
}
