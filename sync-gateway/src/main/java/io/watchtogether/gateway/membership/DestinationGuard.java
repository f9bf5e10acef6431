package io.watchtogether.gateway.membership;

import io.watchtogether.gateway.connect.ConnectedSessions;
import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.replay.ReplayQueue;
import io.watchtogether.gateway.rooms.RoomIds;
import io.watchtogether.gateway.stomp.ClientError;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

import java.util.concurrent.CompletableFuture;

/**
 * Polices what a session may SEND and SUBSCRIBE to:
 * <ul>
 *   <li>SEND only to {@code /app/**} (the controllers): never straight to a broker destination, or a client
 *       could forge room broadcasts or write into other users' queues.</li>
 *   <li>SUBSCRIBE to {@code /user/queue/rooms} and {@code /user/queue/replay} always, to
 *       {@code /topic/rooms.{roomId}} only as a participant of that room, to nothing else.</li>
 * </ul>
 * A refused frame is dropped, not failed: throwing here would make Spring send an ERROR frame and close the
 * connection, while a client that subscribed too early or to the wrong room should just be told (an
 * {@code error} on {@code /user/queue/rooms}) and keep its session.
 *
 * <p>A user not yet seen as a participant (their join was accepted a moment ago elsewhere) is given a short,
 * bounded wait: the SUBSCRIBE is held without blocking a thread and re-sent into the inbound channel, marked
 * as authorized, once the membership shows up.
 */
@Component
public class DestinationGuard implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DestinationGuard.class);

    /** Marks a held SUBSCRIBE that was authorized later; a message header, which clients cannot set. */
    static final String AUTHORIZED_HEADER = "watchTogetherSubscribeAuthorized";
    private static final String APP_PREFIX = "/app/";
    private static final String SUBSCRIBE = "subscribe";

    private final ParticipantCheck participants;
    private final ConnectedSessions sessions;
    private final ClientMessageSender sender;
    private final ApplicationEventPublisher events;

    public DestinationGuard(ParticipantCheck participants, ConnectedSessions sessions, ClientMessageSender sender,
                            ApplicationEventPublisher events) {
        this.participants = participants;
        this.sessions = sessions;
        this.sender = sender;
        this.events = events;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null) {
            return message;
        }
        StompCommand command = accessor.getCommand();
        if (command == StompCommand.SEND) {
            return checkSend(message, accessor);
        }
        if (command == StompCommand.SUBSCRIBE) {
            return checkSubscribe(message, accessor, channel);
        }
        return message;
    }

    private Message<?> checkSend(Message<?> message, StompHeaderAccessor accessor) {
        String destination = accessor.getDestination();
        if (destination != null && destination.startsWith(APP_PREFIX)) {
            return message;
        }
        sender.error(accessor.getSessionId(), null, ClientError.DESTINATION_NOT_ALLOWED,
                "Clients may SEND only to /app/... destinations, not " + destination, "send");
        return null;
    }

    private Message<?> checkSubscribe(Message<?> message, StompHeaderAccessor accessor, MessageChannel channel) {
        String destination = accessor.getDestination();
        String sessionId = accessor.getSessionId();
        if (Boolean.TRUE.equals(accessor.getHeader(AUTHORIZED_HEADER))
                || ClientMessageSender.USER_QUEUE.equals(destination)
                || ReplayQueue.USER_DESTINATION.equals(destination)) {
            return message;
        }
        if (destination == null || !destination.startsWith(ClientMessageSender.ROOM_TOPIC_PREFIX)) {
            sender.error(sessionId, null, ClientError.DESTINATION_NOT_ALLOWED, "Clients may SUBSCRIBE only to "
                    + ClientMessageSender.USER_QUEUE + ", " + ReplayQueue.USER_DESTINATION + " and "
                    + ClientMessageSender.ROOM_TOPIC_PREFIX + "{roomId}",
                    SUBSCRIBE);
            return null;
        }
        String roomId = destination.substring(ClientMessageSender.ROOM_TOPIC_PREFIX.length());
        if (!RoomIds.isValid(roomId)) {
            sender.error(sessionId, null, ClientError.INVALID_REQUEST, "Not a room id: " + roomId, SUBSCRIBE);
            return null;
        }
        if (!(accessor.getUser() instanceof ConnectedUser user)) {
            sender.error(sessionId, roomId, ClientError.NOT_A_PARTICIPANT, "Not authenticated", SUBSCRIBE);
            return null;
        }
        CompletableFuture<Boolean> participant;
        try {
            participant = participants.awaitParticipant(roomId, user.userId());
        } catch (RuntimeException e) {
            log.warn("Could not check membership of room {} for a subscribe: {}", roomId, e.toString());
            sender.error(sessionId, roomId, ClientError.INTERNAL_ERROR, "Room membership could not be checked",
                    SUBSCRIBE);
            return null;
        }
        if (participant.isDone() && !participant.isCompletedExceptionally() && participant.join()) {
            return message;
        }
        participant.whenComplete((allowed, error) -> {
            if (error != null) {
                log.warn("Could not check membership of room {} for a subscribe: {}", roomId, error.toString());
                sender.error(sessionId, roomId, ClientError.INTERNAL_ERROR, "Room membership could not be checked",
                        SUBSCRIBE);
            } else if (!allowed) {
                sender.error(sessionId, roomId, ClientError.NOT_A_PARTICIPANT,
                        "Only participants of room " + roomId + " may subscribe to it; join it first", SUBSCRIBE);
            } else if (sessions.isOpen(sessionId)) {
                Message<byte[]> subscribe = authorized(message);
                channel.send(subscribe);
                // The held frame published no event; this keeps Spring's user registry in step.
                events.publishEvent(new SessionSubscribeEvent(this, subscribe, user));
            }
        });
        return null;
    }

    private static Message<byte[]> authorized(Message<?> held) {
        StompHeaderAccessor copy = StompHeaderAccessor.wrap(held);
        copy.setHeader(AUTHORIZED_HEADER, true);
        copy.setLeaveMutable(true);
        byte[] payload = held.getPayload() instanceof byte[] bytes ? bytes : new byte[0];
        return MessageBuilder.createMessage(payload, copy.getMessageHeaders());
    }
}
