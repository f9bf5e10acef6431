package io.watchtogether.gateway.stomp;

/**
 * Errors the gateway itself reports in {@code error} messages (the room processor's refusals carry their
 * own {@code Rejection.Reason}). The name is the message's {@code code}.
 */
public enum ClientError {
    INVALID_REQUEST(400),
    IDENTITY_MISMATCH(403),
    NOT_A_PARTICIPANT(403),
    DESTINATION_NOT_ALLOWED(403),
    ROOM_NOT_FOUND(404),
    INTERNAL_ERROR(500),
    COMMANDS_UNAVAILABLE(503),
    COMMAND_TIMEOUT(504);

    private final int status;

    ClientError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
