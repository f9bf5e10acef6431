package io.watchtogether.events;

/**
 * Who issues a command. Always taken from a verified token, never from a request body.
 *
 * @param userId   the account id, or {@link #SYSTEM_ID} for commands the system issues itself
 * @param username the account's display name
 */
public record Actor(String userId, String username) {

    public static final String SYSTEM_ID = "system";

    public static Actor system() {
        return new Actor(SYSTEM_ID, SYSTEM_ID);
    }
}
