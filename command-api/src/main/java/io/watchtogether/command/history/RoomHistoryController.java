package io.watchtogether.command.history;

import io.watchtogether.command.history.HistoryConfiguration.HistorySettings;
import io.watchtogether.command.problems.RoomProblem;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.client.InvalidRequestException;
import io.watchtogether.readmodel.history.RecordedEvent;
import io.watchtogether.readmodel.history.RoomHistoryReader;
import io.watchtogether.tokens.TokenIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who did what, when, in a room: its events as room-projector recorded them in MongoDB, page by page in
 * version order. Only those who ever joined the room may read it (present, gone or kicked), because the
 * history outlives the room and its membership.
 */
@RestController
@RequestMapping("/auth/watch-together")
public class RoomHistoryController {

    private final RoomHistoryReader history;
    private final HistorySettings settings;

    public RoomHistoryController(RoomHistoryReader history, HistorySettings settings) {
        this.history = history;
        this.settings = settings;
    }

    @GetMapping("/rooms/{roomId}/history")
    public Map<String, Object> history(TokenIdentity caller, @PathVariable String roomId,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(required = false) Integer size) {
        int pageSize = size == null ? settings.defaultPageSize() : size;
        if (page < 0 || pageSize < 1 || pageSize > settings.maxPageSize()) {
            throw new InvalidRequestException("page must be >= 0 and size between 1 and " + settings.maxPageSize());
        }
        if (!history.exists(roomId)) {
            throw new RoomProblem(Rejection.of(Rejection.Reason.ROOM_NOT_FOUND, "No history of a room " + roomId));
        }
        if (!history.wasParticipant(roomId, caller.userId())) {
            throw new RoomProblem(Rejection.of(Rejection.Reason.NOT_ALLOWED,
                    "Only participants of room " + roomId + ", past or present, may read its history"));
        }
        List<Map<String, Object>> events = history.page(roomId, page, pageSize).stream()
                .map(RoomHistoryController::event).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roomId", roomId);
        data.put("page", page);
        data.put("size", pageSize);
        data.put("total", history.count(roomId));
        data.put("events", events);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return body;
    }

    private static Map<String, Object> event(RecordedEvent recorded) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", recorded.version());
        event.put("type", recorded.clientType());
        event.put("ceType", recorded.type());
        event.put("eventId", recorded.eventId());
        event.put("time", recorded.time());
        event.put("userId", recorded.userId());
        event.put("correlationId", recorded.correlationId());
        event.put("payload", recorded.payload());
        return event;
    }
}
