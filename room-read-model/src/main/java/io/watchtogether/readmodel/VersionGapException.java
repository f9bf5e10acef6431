package io.watchtogether.readmodel;

/**
 * An event arrived whose version is more than one past the stored one: events were lost or reordered
 * upstream. The read model refuses it rather than showing a state that skipped history.
 */
public final class VersionGapException extends RuntimeException {

    private final String roomId;
    private final long storedVersion;
    private final long incomingVersion;

    public VersionGapException(String roomId, long storedVersion, long incomingVersion) {
        super("Room " + roomId + " is stored at version " + storedVersion
                + " and cannot apply version " + incomingVersion + " (gap)");
        this.roomId = roomId;
        this.storedVersion = storedVersion;
        this.incomingVersion = incomingVersion;
    }

    public String roomId() {
        return roomId;
    }

    public long storedVersion() {
        return storedVersion;
    }

    public long incomingVersion() {
        return incomingVersion;
    }
}
