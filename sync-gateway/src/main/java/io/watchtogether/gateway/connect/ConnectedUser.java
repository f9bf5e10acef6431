package io.watchtogether.gateway.connect;

import io.watchtogether.events.Actor;

import java.security.Principal;

/**
 * The user a STOMP session authenticated as, from its CONNECT frame's token. Its name is the user id, so
 * Spring's user destinations ({@code /user/queue/rooms}) address users by id.
 */
public record ConnectedUser(String userId, String username) implements Principal {

    @Override
    public String getName() {
        return userId;
    }

    public Actor actor() {
        return new Actor(userId, username);
    }
}
