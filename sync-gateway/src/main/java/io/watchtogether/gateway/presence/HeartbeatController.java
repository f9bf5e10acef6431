package io.watchtogether.gateway.presence;

import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.rooms.RoomIds;
import io.watchtogether.gateway.stomp.ClientBodies;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/** The guide's {@code heartbeat}: a participant's player is still there. Remembered, not answered. */
@Controller
class HeartbeatController {

    private final RoomHeartbeats heartbeats;

    HeartbeatController(RoomHeartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    @MessageMapping("rooms.{roomId}.heartbeat")
    void heartbeat(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        ClientBodies.read(message.getPayload(), user);
        heartbeats.beat(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), RoomIds.require(roomId), user.userId(),
                System.currentTimeMillis());
    }
}
