package io.watchtogether.gateway.replay;

import io.watchtogether.events.client.IdentityMismatchException;
import io.watchtogether.events.client.InvalidRequestException;
import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.rooms.RoomIds;
import io.watchtogether.gateway.stomp.ClientBodies;
import io.watchtogether.gateway.stomp.ClientError;
import io.watchtogether.readmodel.history.RoomHistoryReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.JsonNode;

/**
 * {@code /app/rooms.{roomId}.replay} with {@code {speed?, fromVersion?}}: the room's recorded events, again, on
 * the caller's {@code /user/queue/replay}, for anyone who ever took part in the room (present, gone or
 * kicked). Refusals go to the same queue as {@code error} messages, so a client watching a replay sees them.
 */
@Controller
class RoomReplayController {

    private static final Logger log = LoggerFactory.getLogger(RoomReplayController.class);

    private final RoomHistoryReader history;
    private final SessionReplays replays;
    private final ReplayQueue queue;
    private final ReplayProperties properties;

    RoomReplayController(RoomHistoryReader history, SessionReplays replays, ReplayQueue queue,
                         ReplayProperties properties) {
        this.history = history;
        this.replays = replays;
        this.queue = queue;
        this.properties = properties;
    }

    @MessageMapping("rooms.{roomId}.replay")
    void replay(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        double speed;
        long fromVersion;
        try {
            RoomIds.require(roomId);
            JsonNode body = ClientBodies.read(message.getPayload(), user);
            speed = speed(body.get("speed"));
            fromVersion = fromVersion(body.get("fromVersion"));
        } catch (InvalidRequestException e) {
            queue.error(sessionId, RoomIds.isValid(roomId) ? roomId : null, ClientError.INVALID_REQUEST, e.getMessage());
            return;
        } catch (IdentityMismatchException e) {
            queue.error(sessionId, roomId, ClientError.IDENTITY_MISMATCH, e.getMessage());
            return;
        }
        boolean exists;
        boolean participant;
        try {
            exists = history.exists(roomId);
            participant = exists && history.wasParticipant(roomId, user.userId());
        } catch (RuntimeException e) {
            log.warn("Could not read the history of room {} for a replay: {}", roomId, e.toString());
            queue.error(sessionId, roomId, ClientError.INTERNAL_ERROR, "The history could not be read");
            return;
        }
        if (!exists) {
            queue.error(sessionId, roomId, ClientError.ROOM_NOT_FOUND, "No history of a room " + roomId);
        } else if (!participant) {
            queue.error(sessionId, roomId, ClientError.NOT_A_PARTICIPANT,
                    "Only participants of room " + roomId + ", past or present, may replay it");
        } else {
            replays.start(sessionId, roomId, speed, fromVersion);
        }
    }

    private double speed(JsonNode speed) {
        if (speed == null || speed.isNull()) {
            return 1;
        }
        if (!speed.isNumber() || !Double.isFinite(speed.asDouble())
                || speed.asDouble() < 1 || speed.asDouble() > properties.maxSpeed()) {
            throw new InvalidRequestException("speed must be a number from 1 to " + properties.maxSpeed());
        }
        return speed.asDouble();
    }

    private static long fromVersion(JsonNode fromVersion) {
        if (fromVersion == null || fromVersion.isNull()) {
            return 1;
        }
        if (!fromVersion.isIntegralNumber() || !fromVersion.canConvertToLong() || fromVersion.asLong() < 1) {
            throw new InvalidRequestException("fromVersion must be a whole number of at least 1");
        }
        return fromVersion.asLong();
    }
}
