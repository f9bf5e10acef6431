package io.watchtogether.gateway.stomp;

import io.watchtogether.events.RoomJson;
import io.watchtogether.events.client.ClientRequests;
import io.watchtogether.events.client.InvalidRequestException;
import io.watchtogether.gateway.connect.ConnectedUser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/** Reads the JSON body of a client SEND. */
public final class ClientBodies {

    private ClientBodies() {
    }

    /**
     * The body as JSON (an empty body is an empty object: join, leave and sync need none), refusing one that
     * names a user other than the caller.
     *
     * @throws InvalidRequestException for a body that is not JSON
     * @throws io.watchtogether.events.client.IdentityMismatchException for a body naming another user
     */
    public static JsonNode read(byte[] payload, ConnectedUser caller) {
        JsonNode body = parse(payload);
        ClientRequests.requireCaller(body, caller.userId());
        return body;
    }

    private static JsonNode parse(byte[] payload) {
        if (payload == null || new String(payload, StandardCharsets.UTF_8).isBlank()) {
            return RoomJson.mapper().createObjectNode();
        }
        try {
            return RoomJson.mapper().readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidRequestException("Body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
