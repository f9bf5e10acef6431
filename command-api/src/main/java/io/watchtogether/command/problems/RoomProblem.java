package io.watchtogether.command.problems;

import io.watchtogether.events.Rejection;

/** A command's rejection on its way to becoming an RFC 9457 problem. */
public class RoomProblem extends RuntimeException {

    private final transient Rejection rejection;
    private final Long currentVersion;

    public RoomProblem(Rejection rejection) {
        this(rejection, null);
    }

    public RoomProblem(Rejection rejection, Long currentVersion) {
        super(rejection.detail());
        this.rejection = rejection;
        this.currentVersion = currentVersion;
    }

    public Rejection rejection() {
        return rejection;
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
