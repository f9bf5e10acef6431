package io.watchtogether.launcher;

/** The local run could not start; whatever had started is already stopped again. */
public class LaunchException extends RuntimeException {

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
