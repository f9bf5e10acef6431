package io.watchtogether.command.access;

import io.watchtogether.events.RoomJson;
import io.watchtogether.events.client.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies are parsed here with the shared mapper rather than by a message converter, so REST and
 * STOMP refuse malformed JSON with the same words.
 */
public final class JsonBodies {

    /** Largest request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private JsonBodies() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return RoomJson.mapper().createObjectNode();
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidRequestException("Request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = RoomJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("Malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("Request body must be a JSON object");
        }
        return node;
    }

    /** A string field, or null when absent or not a string. */
    public static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
