package io.watchtogether.gateway.time;

import io.watchtogether.events.client.InvalidRequestException;
import io.watchtogether.gateway.connect.ConnectedUser;
import io.watchtogether.gateway.stomp.ClientBodies;
import io.watchtogether.gateway.stomp.ClientMessageSender;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NTP-style clock sync: the client sends {@code {clientSendTime}}, the reply adds when the server received
 * the request and when it sent the answer, so the client computes its offset to server time
 * ({@code ((serverReceiveTime - clientSendTime) + (serverSendTime - clientReceiveTime)) / 2}) and the round
 * trip. Playback states are anchored in server time, so every player needs this offset. Both server times are
 * epoch milliseconds with a fraction (the clock's microseconds); {@code serverTime} is whole milliseconds, as in
 * every other message.
 */
@Controller
class TimeSyncController {

    private final ClientMessageSender sender;

    TimeSyncController(ClientMessageSender sender) {
        this.sender = sender;
    }

    @MessageMapping("time")
    void time(Message<byte[]> message, ConnectedUser user) {
        double serverReceiveTime = ReceiveTimeStamp.receivedAt(message.getHeaders());
        JsonNode clientSendTime = ClientBodies.read(message.getPayload(), user).get("clientSendTime");
        if (clientSendTime == null || !clientSendTime.isNumber()) {
            throw new InvalidRequestException("clientSendTime is required and must be a number (epoch ms)");
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "time_sync");
        reply.put("clientSendTime", clientSendTime.numberValue());
        reply.put("serverReceiveTime", serverReceiveTime);
        double serverSendTime = ServerClock.nowMillis();
        reply.put("serverSendTime", serverSendTime);
        reply.put("serverTime", (long) serverSendTime);
        sender.toSession(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), reply);
    }
}
