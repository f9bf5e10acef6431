package io.watchtogether.gateway.stomp;

import io.watchtogether.events.client.IdentityMismatchException;
import io.watchtogether.events.client.InvalidRequestException;
import io.watchtogether.gateway.rooms.RoomIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Turns what a SEND handler throws into an {@code error} reply to the sending session: a bad body is 400,
 * a body naming someone else 403, anything unexpected 500 without detail. No exception reaches the client
 * as a stack trace, and the session stays open.
 */
@ControllerAdvice
class StompRequestErrors {

    private static final Logger log = LoggerFactory.getLogger(StompRequestErrors.class);

    private final ClientMessageSender sender;

    StompRequestErrors(ClientMessageSender sender) {
        this.sender = sender;
    }

    @MessageExceptionHandler
    void invalidRequest(InvalidRequestException e, Message<?> message) {
        reply(message, ClientError.INVALID_REQUEST, e.getMessage());
    }

    @MessageExceptionHandler
    void identityMismatch(IdentityMismatchException e, Message<?> message) {
        reply(message, ClientError.IDENTITY_MISMATCH, e.getMessage());
    }

    @MessageExceptionHandler
    void unexpected(Exception e, Message<?> message) {
        log.error("SEND to {} failed", SimpMessageHeaderAccessor.getDestination(message.getHeaders()), e);
        reply(message, ClientError.INTERNAL_ERROR, "The request could not be processed");
    }

    private void reply(Message<?> message, ClientError error, String detail) {
        AppDestination destination = AppDestination.of(SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
        sender.error(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), destination.roomId(), error, detail,
                destination.request());
    }

    /** {@code /app/rooms.{roomId}.{request}}, {@code /app/rooms.create} or {@code /app/{request}}. */
    record AppDestination(String roomId, String request) {
        static AppDestination of(String destination) {
            String path = destination == null ? "" : destination.replaceFirst("^/app/", "");
            String[] parts = path.split("\\.", -1);
            if (parts.length == 3 && parts[0].equals("rooms")) {
                return new AppDestination(RoomIds.isValid(parts[1]) ? parts[1] : null, parts[2]);
            }
            return new AppDestination(null, parts[parts.length - 1]);
        }
    }
}
