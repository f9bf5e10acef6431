package io.watchtogether.events;

/**
 * Why a command was refused. A value, not an exception: {@code decide} returns it and the edges turn it
 * into an RFC 9457 problem (REST) or an {@code error} message (STOMP).
 *
 * @param reason the kind of refusal, which fixes the HTTP status
 * @param detail a sentence for a person
 */
public record Rejection(Reason reason, String detail) {

    /** The kinds of refusal and the HTTP status each maps to. */
    public enum Reason {
        INVALID_COMMAND(400, "Invalid command"),
        NOT_ALLOWED(403, "Not allowed"),
        ROOM_NOT_FOUND(404, "Room not found"),
        VERSION_CONFLICT(409, "Version conflict"),
        ROOM_FULL(422, "Room full"),
        INVALID_TRANSITION(422, "Invalid transition"),
        TOO_MANY_COMMANDS(429, "Too many commands");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    public static Rejection of(Reason reason, String detail) {
        return new Rejection(reason, detail);
    }
}
