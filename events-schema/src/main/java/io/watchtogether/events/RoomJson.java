package io.watchtogether.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON form of commands, events, results and states: written once here and used by every service.
 *
 * <p>Events are written as their bare record (the type travels in {@code ce_type}). Commands are
 * written with a {@code type} field naming the command record, beside the envelope's fields.
 */
public final class RoomJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final List<Class<? extends RoomCommand>> COMMANDS = EventTypes.leavesOf(RoomCommand.class);
    private static final Map<String, Class<? extends RoomCommand>> COMMAND_BY_NAME = COMMANDS.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private RoomJson() {
    }

    /** The shared mapper (thread-safe); configured once so every service writes the same JSON. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static byte[] writeEvent(RoomEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /**
     * Reads an event payload of the given {@code ce_type}.
     *
     * @throws IllegalArgumentException for an unknown type or a payload that does not fit it
     */
    public static RoomEvent readEvent(String type, byte[] json) {
        try {
            return MAPPER.readValue(json, EventTypes.classOf(type));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Malformed " + type + " payload: " + e.getOriginalMessage(), e);
        }
    }

    public static String commandName(RoomCommand command) {
        return command.getClass().getSimpleName();
    }

    public static byte[] writeCommand(CommandEnvelope envelope) {
        ObjectNode node = MAPPER.valueToTree(envelope);
        node.put("type", commandName(envelope.command()));
        return MAPPER.writeValueAsBytes(node);
    }

    /**
     * Reads a command envelope.
     *
     * @throws IllegalArgumentException for an unknown command type or malformed JSON
     */
    public static CommandEnvelope readCommand(byte[] json) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            JsonNode typeNode = node.remove("type");
            Class<? extends RoomCommand> type = typeNode == null ? null : COMMAND_BY_NAME.get(typeNode.asString());
            if (type == null) {
                throw new IllegalArgumentException("Unknown command type: " + typeNode);
            }
            JsonNode body = node.remove("command");
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("Command " + typeNode.asString() + " lacks its command object");
            }
            RoomCommand command = MAPPER.treeToValue(body, type);
            CommandEnvelope bare = MAPPER.treeToValue(node, CommandEnvelope.class);
            return new CommandEnvelope(bare.commandId(), bare.roomId(), bare.actor(), bare.issuedAt(),
                    bare.expectedVersion(), bare.idempotencyKey(), command);
        } catch (JacksonException | ClassCastException e) {
            throw new IllegalArgumentException("Malformed command: " + e.getMessage(), e);
        }
    }
}
