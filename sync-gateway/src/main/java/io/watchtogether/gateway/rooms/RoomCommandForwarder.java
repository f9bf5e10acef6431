package io.watchtogether.gateway.rooms;

import io.watchtogether.commands.CommandClient;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomJson;
import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.membership.RoomMembership;
import io.watchtogether.gateway.stomp.ClientError;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends a client's command to the room processor and answers the session when the result comes: a reply on
 * acceptance (if the request has one), an {@code error} on rejection, timeout or failure. Never blocks the
 * inbound thread: the answer is sent from the result's callback.
 */
@Component
public class RoomCommandForwarder {

    /** The SEND header that carries an idempotency key (the {@code receipt} header is used when it is absent). */
    public static final String IDEMPOTENCY_KEY_HEADER = "idempotency-key";

    private static final Logger log = LoggerFactory.getLogger(RoomCommandForwarder.class);

    private final CommandClient commands;
    private final RoomMembership membership;
    private final ClientMessageSender sender;

    public RoomCommandForwarder(CommandClient commands, RoomMembership membership, ClientMessageSender sender) {
        this.commands = commands;
        this.membership = membership;
        this.sender = sender;
    }

    /**
     * @param onAccepted what to answer on acceptance (the result carries the room after the command)
     */
    public void forward(String sessionId, ConnectedUser user, String roomId, RoomCommand command,
                        Consumer<CommandResult> onAccepted) {
        forward(sessionId, user, roomId, command, null, onAccepted);
    }

    /**
     * @param idempotencyKey the SEND frame's idempotency key (see {@link #idempotencyKey}), or null; the room
     *                       processor answers a retry with the same key with the first result
     * @param onAccepted     what to answer on acceptance (the result carries the room after the command)
     */
    public void forward(String sessionId, ConnectedUser user, String roomId, RoomCommand command,
                        String idempotencyKey, Consumer<CommandResult> onAccepted) {
        CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID().toString(), roomId, user.actor(),
                System.currentTimeMillis(), null, idempotencyKey, command);
        String commandName = RoomJson.commandName(command);
        commands.send(envelope).whenComplete((result, error) -> {
            try {
                if (error != null) {
                    failed(sessionId, roomId, commandName, envelope.commandId(), error);
                } else if (result.accepted()) {
                    if (result.room() != null) {
                        // A user who just joined may subscribe before the event reaches us or Redis.
                        membership.observe(result.room());
                    }
                    onAccepted.accept(result);
                } else {
                    Rejection rejection = result.rejection();
                    sender.error(sessionId, roomId, rejection.reason().status(), rejection.reason().name(),
                            rejection.detail(), commandName);
                }
            } catch (RuntimeException e) {
                log.error("Answering {} {} for room {} failed", commandName, envelope.commandId(), roomId, e);
                sender.error(sessionId, roomId, ClientError.INTERNAL_ERROR, "The request could not be processed",
                        commandName);
            }
        });
    }

    /**
     * The idempotency key of a SEND frame: its {@code idempotency-key} header, else its {@code receipt} header
     * (a client that retries a frame with the same receipt means the same command). The room processor refuses
     * keys that are not 1 to 128 visible ASCII characters ({@code INVALID_COMMAND}).
     */
    public static String idempotencyKey(Message<?> message) {
        StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
        String key = headers.getFirstNativeHeader(IDEMPOTENCY_KEY_HEADER);
        return key != null ? key : headers.getReceipt();
    }

    private void failed(String sessionId, String roomId, String commandName, String commandId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            log.warn("No result for {} {} in room {} in time", commandName, commandId, roomId);
            sender.error(sessionId, roomId, ClientError.COMMAND_TIMEOUT,
                    "The room did not answer in time; the command may still take effect", commandName);
        } else {
            log.warn("Could not send {} {} for room {}: {}", commandName, commandId, roomId, cause.toString());
            sender.error(sessionId, roomId, ClientError.COMMANDS_UNAVAILABLE,
                    "Commands cannot be delivered right now; try again", commandName);
        }
    }
}
