package io.watchtogether.command.rooms;

import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomEvent;

import java.util.List;

/** What {@link RoomDecider#decide} says to a command: these events, or this rejection. */
public sealed interface Decision {

    record Accepted(List<RoomEvent> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected(Rejection rejection) implements Decision {
    }

    static Decision accept(RoomEvent... events) {
        return new Accepted(List.of(events));
    }

    static Decision accept(List<RoomEvent> events) {
        return new Accepted(events);
    }

    static Decision reject(Rejection.Reason reason, String detail) {
        return new Rejected(Rejection.of(reason, detail));
    }
}
