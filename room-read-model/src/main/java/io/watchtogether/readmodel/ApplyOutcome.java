package io.watchtogether.readmodel;

/** What {@link RoomReadModel#apply} did with an event. A gap is not an outcome: it throws {@link VersionGapException}. */
public enum ApplyOutcome {
    /** The event was the room's next version and is now reflected in the read model. */
    APPLIED,
    /** The read model already holds this version or a later one (a redelivery); nothing changed. */
    DUPLICATE
}
