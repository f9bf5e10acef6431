package io.watchtogether.gateway.rooms;

import io.watchtogether.events.CommandResult;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.client.ClientMessages;
import io.watchtogether.events.client.ClientRequests;
import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.stomp.ClientBodies;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.JsonNode;

import java.util.function.Consumer;

/**
 * The room commands of the client contract, over STOMP SEND. Each handler reads the body (refusing one that
 * names another user), makes the command and hands it to the {@link RoomCommandForwarder}; bad input never
 * reaches Kafka. Errors thrown here become {@code error} replies (see {@code StompRequestErrors}).
 */
@Controller
class RoomCommandController {

    private static final String LEFT = "left";

    private final RoomCommandForwarder forwarder;
    private final ClientMessageSender sender;

    RoomCommandController(RoomCommandForwarder forwarder, ClientMessageSender sender) {
        this.forwarder = forwarder;
        this.sender = sender;
    }

    /** Body as the REST create: {@code {name, mediaId, mediaType, providerId?, season?, episode?}}. */
    @MessageMapping("rooms.create")
    void create(Message<byte[]> message, ConnectedUser user) {
        RoomCommand.CreateRoom command = ClientRequests.createRoom(ClientBodies.read(message.getPayload(), user));
        String sessionId = sessionId(message);
        String key = RoomCommandForwarder.idempotencyKey(message);
        // With a key, a retried create reaches the same room (keys are remembered per room).
        String roomId = key == null ? RoomIds.next() : RoomIds.derived(user.actor().userId() + "\n" + key);
        forwarder.forward(sessionId, user, roomId, command, key, result ->
                sender.toSession(sessionId, ClientMessages.roomCreated(result.room(), System.currentTimeMillis())));
    }

    @MessageMapping("rooms.{roomId}.join")
    void join(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        ClientBodies.read(message.getPayload(), user);
        String sessionId = sessionId(message);
        forwarder.forward(sessionId, user, RoomIds.require(roomId), new RoomCommand.JoinRoom(),
                RoomCommandForwarder.idempotencyKey(message), result ->
                sender.toSession(sessionId, ClientMessages.initialState(result.room(), System.currentTimeMillis())));
    }

    @MessageMapping("rooms.{roomId}.leave")
    void leave(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        ClientBodies.read(message.getPayload(), user);
        forward(roomId, message, user, new RoomCommand.LeaveRoom(LEFT));
    }

    /** Body {@code {action: {type, data}}} as in the guide. */
    @MessageMapping("rooms.{roomId}.playback")
    void playback(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        JsonNode body = ClientBodies.read(message.getPayload(), user);
        forward(roomId, message, user, ClientRequests.playbackAction(body));
    }

    /** Extension of the guide's socket events (REST only there): body {@code {newAdminId}}. */
    @MessageMapping("rooms.{roomId}.transfer-admin")
    void transferAdmin(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        JsonNode body = ClientBodies.read(message.getPayload(), user);
        forward(roomId, message, user, ClientRequests.transferAdmin(body));
    }

    /** Extension of the guide's socket events (REST only there): body {@code {userIdToKick}}. */
    @MessageMapping("rooms.{roomId}.kick-user")
    void kickUser(@DestinationVariable String roomId, Message<byte[]> message, ConnectedUser user) {
        JsonNode body = ClientBodies.read(message.getPayload(), user);
        forward(roomId, message, user, ClientRequests.kickUser(body));
    }

    /** Commands whose effect everyone sees in the room's broadcast: no direct reply on acceptance. */
    private void forward(String roomId, Message<byte[]> message, ConnectedUser user, RoomCommand command) {
        Consumer<CommandResult> noReply = result -> { };
        forwarder.forward(sessionId(message), user, RoomIds.require(roomId), command,
                RoomCommandForwarder.idempotencyKey(message), noReply);
    }

    private static String sessionId(Message<?> message) {
        return SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
    }
}
