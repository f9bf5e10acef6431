package io.watchtogether.command.rooms;

import io.watchtogether.command.access.JsonBodies;
import io.watchtogether.command.problems.RoomProblem;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.Providers;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.client.ClientMessages;
import io.watchtogether.events.client.ClientRequests;
import io.watchtogether.events.client.InvalidRequestException;
import io.watchtogether.readmodel.RoomReadModel;
import io.watchtogether.tokens.TokenIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The guide's room routes. Writes become commands for the room processor and answer with its result;
 * reads come from the Redis read model. Identity comes from the token only.
 */
@RestController
@RequestMapping("/auth/watch-together")
public class RoomController {

    private static final int MAX_PAGE = 100;

    private final RoomCommands commands;
    private final RoomReadModel rooms;

    public RoomController(RoomCommands commands, RoomReadModel rooms) {
        this.commands = commands;
        this.rooms = rooms;
    }

    @PostMapping("/rooms")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> create(
            TokenIdentity caller, @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        JsonNode json = callerBody(caller, body);
        RoomCommand.CreateRoom create = ClientRequests.createRoom(json);
        return commands.send(caller, commands.newRoomId(caller, idempotencyKey), create, null, idempotencyKey)
                .thenApply(result -> answer(result, HttpStatus.CREATED, room -> ClientMessages.room(room)));
    }

    @PostMapping("/rooms/{roomId}/join")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> join(
            TokenIdentity caller, @PathVariable String roomId, @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        callerBody(caller, body);
        return send(caller, roomId, new RoomCommand.JoinRoom(), ifMatch, idempotencyKey, ClientMessages::room);
    }

    @PostMapping("/rooms/{roomId}/leave")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> leave(
            TokenIdentity caller, @PathVariable String roomId, @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        callerBody(caller, body);
        return send(caller, roomId, new RoomCommand.LeaveRoom("left"), ifMatch, idempotencyKey, ClientMessages::room);
    }

    @PostMapping("/rooms/{roomId}/playback")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> playback(
            TokenIdentity caller, @PathVariable String roomId, @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        RoomCommand command = ClientRequests.playbackAction(callerBody(caller, body));
        return send(caller, roomId, command, ifMatch, idempotencyKey, room -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("roomId", room.roomId());
            data.put("version", room.version());
            data.put("state", ClientMessages.playback(room.playback()));
            return data;
        });
    }

    @PostMapping("/rooms/{roomId}/transfer-admin")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> transferAdmin(
            TokenIdentity caller, @PathVariable String roomId, @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        RoomCommand command = ClientRequests.transferAdmin(callerBody(caller, body));
        return send(caller, roomId, command, ifMatch, idempotencyKey, ClientMessages::room);
    }

    @PostMapping("/rooms/{roomId}/kick-user")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> kickUser(
            TokenIdentity caller, @PathVariable String roomId, @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        RoomCommand command = ClientRequests.kickUser(callerBody(caller, body));
        return send(caller, roomId, command, ifMatch, idempotencyKey, ClientMessages::room);
    }

    /** The playback state as the read model holds it, for participants of the room. */
    @PostMapping("/rooms/{roomId}/sync")
    public Map<String, Object> sync(TokenIdentity caller, @PathVariable String roomId,
                                    @RequestBody(required = false) byte[] body) {
        callerBody(caller, body);
        RoomState room = openRoom(roomId);
        if (!room.isParticipant(caller.userId())) {
            throw new RoomProblem(Rejection.of(Rejection.Reason.NOT_ALLOWED, "You are not a participant of this room"));
        }
        Map<String, Object> data = ClientMessages.syncResponse(room, System.currentTimeMillis());
        data.remove("type");
        return success(data);
    }

    @GetMapping("/rooms/{roomId}")
    public Map<String, Object> get(TokenIdentity caller, @PathVariable String roomId) {
        return success(ClientMessages.room(openRoom(roomId)));
    }

    @GetMapping("/rooms")
    public Map<String, Object> list(TokenIdentity caller,
                                    @RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("offset must be >= 0 and limit between 1 and " + MAX_PAGE);
        }
        List<Map<String, Object>> page = rooms.listActive(offset, limit).stream().map(ClientMessages::room).toList();
        return success(page);
    }

    @GetMapping("/stats")
    public Map<String, Object> stats(TokenIdentity caller) {
        return success(rooms.stats(System.currentTimeMillis()));
    }

    @GetMapping("/providers")
    public Map<String, Object> providers(TokenIdentity caller) {
        return success(Providers.all());
    }

    private CompletableFuture<ResponseEntity<Map<String, Object>>> send(
            TokenIdentity caller, String roomId, RoomCommand command, String ifMatch, String idempotencyKey,
            Function<RoomState, Object> render) {
        RoomIds.require(roomId);
        return commands.send(caller, roomId, command, RoomIds.expectedVersion(ifMatch), idempotencyKey)
                .thenApply(result -> answer(result, HttpStatus.OK, render));
    }

    private static ResponseEntity<Map<String, Object>> answer(CommandResult result, HttpStatus status,
                                                              Function<RoomState, Object> render) {
        if (!result.accepted()) {
            throw new RoomProblem(result.rejection(), result.version());
        }
        Object data = result.room() == null ? Map.of("roomId", result.roomId()) : render.apply(result.room());
        return ResponseEntity.status(status).eTag("\"" + result.version() + "\"").body(success(data));
    }

    private RoomState openRoom(String roomId) {
        RoomIds.require(roomId);
        return rooms.find(roomId).filter(RoomState::open).orElseThrow(() -> new RoomProblem(
                Rejection.of(Rejection.Reason.ROOM_NOT_FOUND, "No room " + roomId)));
    }

    private static JsonNode callerBody(TokenIdentity caller, byte[] body) {
        JsonNode json = JsonBodies.parseObject(body);
        ClientRequests.requireCaller(json, caller.userId());
        return json;
    }

    private static Map<String, Object> success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return body;
    }
}
