package io.watchtogether.gateway.connect;

import io.watchtogether.tokens.AccessTokens;
import io.watchtogether.tokens.InvalidTokenException;
import io.watchtogether.tokens.TokenIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;

/**
 * Authenticates a STOMP session from the {@code Authorization: Bearer <jwt>} header of its CONNECT frame
 * (browsers cannot set headers on the WebSocket handshake, so the token travels in STOMP).
 *
 * <p>A plain interceptor rather than Spring Security's message security: the latter demands a CSRF token on
 * CONNECT, which standard STOMP clients do not send, and a bearer token is not a cookie to protect anyway.
 * Setting the user on the CONNECT accessor makes Spring attach it to every later frame of the session.
 *
 * <p>A refused CONNECT is answered here with an ERROR frame (Spring closes the connection after sending one)
 * and dropped. Throwing would not do: with in-order handling of inbound frames, Spring only logs what an
 * interceptor throws, and the client would wait forever.
 */
@Component
public class ConnectAuthentication implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConnectAuthentication.class);
    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;
    private final ConnectedSessions sessions;
    private final MessageChannel clientOutbound;

    /** Lazy: the outbound channel is built by the broker configuration, which needs this interceptor first. */
    public ConnectAuthentication(AccessTokens tokens, ConnectedSessions sessions,
                                 @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.clientOutbound = clientOutbound;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || !isConnect(accessor.getCommand())) {
            return message;
        }
        ConnectedUser user;
        try {
            user = authenticate(accessor.getFirstNativeHeader(AUTHORIZATION));
        } catch (RefusedException e) {
            refuse(accessor.getSessionId(), e.getMessage());
            return null;
        }
        accessor.setUser(user);
        sessions.connected(accessor.getSessionId(), user);
        return message;
    }

    private ConnectedUser authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new RefusedException("Unauthorized: CONNECT needs the header 'Authorization: Bearer <token>'");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new RefusedException("Unauthorized: the Authorization header must be 'Bearer <token>'");
        }
        try {
            TokenIdentity identity = tokens.verify(authorization.substring(BEARER.length()).trim());
            return new ConnectedUser(identity.userId(), identity.username());
        } catch (InvalidTokenException e) {
            throw new RefusedException("Unauthorized: " + e.getMessage());
        }
    }

    private void refuse(String sessionId, String reason) {
        log.debug("Refused STOMP CONNECT of session {}: {}", sessionId, reason);
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setSessionId(sessionId);
        error.setMessage(reason);
        error.setContentType(MimeTypeUtils.TEXT_PLAIN);
        clientOutbound.send(MessageBuilder.createMessage(reason.getBytes(StandardCharsets.UTF_8),
                error.getMessageHeaders()));
    }

    private static boolean isConnect(StompCommand command) {
        return command == StompCommand.CONNECT || command == StompCommand.STOMP;
    }

    /** Why a CONNECT cannot open a session; the message is what the client's ERROR frame says. */
    private static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
