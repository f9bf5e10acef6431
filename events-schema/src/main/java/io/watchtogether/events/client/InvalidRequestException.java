package io.watchtogether.events.client;

/** A client request that cannot become a command; the message says what is wrong and is safe to show. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
