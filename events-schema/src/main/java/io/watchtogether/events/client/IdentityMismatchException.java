package io.watchtogether.events.client;

/** A request body names a user other than the authenticated caller. */
public class IdentityMismatchException extends RuntimeException {

    public IdentityMismatchException(String message) {
        super(message);
    }
}
