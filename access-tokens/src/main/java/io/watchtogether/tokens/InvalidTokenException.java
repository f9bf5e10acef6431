package io.watchtogether.tokens;

/** A token was missing, malformed, forged or expired; the message is safe to show to the caller. */
public class InvalidTokenException extends RuntimeException {

    /** Why the token was refused. */
    public enum Reason { MISSING, INVALID, EXPIRED }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
