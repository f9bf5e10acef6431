package io.watchtogether.gateway.rooms;

import io.watchtogether.events.RoomState;
import io.watchtogether.events.client.ClientMessages;
import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.membership.ParticipantCheck;
import io.watchtogether.gateway.stomp.ClientBodies;
import io.watchtogether.gateway.stomp.ClientError;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import io.watchtogether.readmodel.RoomReadModel;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

import java.util.Optional;

/**
 * {@code sync_request}: a participant asks for the room's current state (after a gap in the versions it
 * received, or a reconnect). Answered from the Redis read model; not a command, nothing is appended.
 */
@Controller
class RoomSyncController {

    private static final String REQUEST = "sync";

    private final RoomReadModel readModel;
    private final ParticipantCheck participants;
    private final ClientMessageSender sender;

    RoomSyncController(RoomReadModel readModel, ParticipantCheck participants, ClientMessageSender sender) {
        this.readModel = readModel;
        this.participants = participants;
        this.sender = sender;
    }

    @MessageMapping("rooms.{roomId}.sync")
    void sync(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        ClientBodies.read(message.getPayload(), user);
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        Optional<RoomState> room = readModel.find(RoomIds.require(roomId)).filter(RoomState::open);
        if (room.isEmpty()) {
            sender.error(sessionId, roomId, ClientError.ROOM_NOT_FOUND, "No open room " + roomId, REQUEST);
        } else if (!participants.isParticipant(room.get(), user.userId())) {
            sender.error(sessionId, roomId, ClientError.NOT_A_PARTICIPANT,
                    "Only participants of room " + roomId + " may sync with it", REQUEST);
        } else {
            sender.toSession(sessionId, ClientMessages.syncResponse(room.get(), System.currentTimeMillis()));
        }
    }
}
