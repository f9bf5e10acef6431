package io.watchtogether.gateway.presence;

import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.rooms.RoomIds;
import io.watchtogether.gateway.stomp.ClientBodies;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/** The guide's {@code heartbeat}: a participant's player is still there. Remembered for presence, not answered. */
@Controller
class HeartbeatController {

    private final RoomPresence presence;

    HeartbeatController(RoomPresence presence) {
        this.presence = presence;
    }

    @MessageMapping("rooms.{roomId}.heartbeat")
    void heartbeat(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        ClientBodies.read(message.getPayload(), user);
        presence.beat(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), user, RoomIds.require(roomId),
                System.currentTimeMillis());
    }
}
