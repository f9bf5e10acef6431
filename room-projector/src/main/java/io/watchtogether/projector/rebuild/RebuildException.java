package io.watchtogether.projector.rebuild;

/** A rebuild that cannot start or cannot finish; its message says why, for a log or an admin. */
public class RebuildException extends RuntimeException {

    public RebuildException(String message) {
        super(message);
    }

    public RebuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
