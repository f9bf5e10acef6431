package io.watchtogether.events;

/** Default names of the topics every service shares; each service can override them by configuration. */
public final class Topics {

    public static final String COMMANDS = "room.commands";
    public static final String EVENTS = "room.events";
    public static final String COMMAND_RESULTS = "room.command-results";

    private Topics() {
    }
}
