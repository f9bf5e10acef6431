package io.watchtogether.gateway.stomp;

import io.watchtogether.events.client.InvalidRequestException;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/** Answers a SEND to an {@code /app} destination no controller serves, instead of ignoring it silently. */
@Controller
class UnmappedDestinations {

    @MessageMapping("**")
    void unknown(Message<?> message) {
        throw new InvalidRequestException("No such destination: "
                + SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
    }
}
