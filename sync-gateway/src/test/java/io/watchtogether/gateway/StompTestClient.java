package io.watchtogether.gateway;

import io.watchtogether.events.RoomJson;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A STOMP client as a browser would be one: Spring's {@link WebSocketStompClient} over a plain WebSocket,
 * JSON text bodies, subscribed to {@code /user/queue/rooms} from the start.
 */
public final class StompTestClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final WebSocketStompClient CLIENT = client();

    private final StompSession session;
    private final BlockingQueue<JsonNode> replies;

    private StompTestClient(StompSession session) {
        this.session = session;
        this.replies = subscribe("/user/queue/rooms");
    }

    /** Connects with a valid token, or fails the test. */
    public static StompTestClient connect(int port, String token) {
        Attempt attempt = attempt(port, "Bearer " + token);
        if (attempt.session() == null) {
            throw new AssertionError("CONNECT was refused: " + attempt.error());
        }
        StompTestClient client = new StompTestClient(attempt.session());
        client.roundTrip();
        return client;
    }

    /** What became of a CONNECT: a session, or the ERROR frame's message. */
    public record Attempt(StompSession session, String error) {
    }

    /** Tries to CONNECT with this Authorization header (null for none). */
    public static Attempt attempt(int port, String authorization) {
        StompHeaders connectHeaders = new StompHeaders();
        if (authorization != null) {
            connectHeaders.add("Authorization", authorization);
        }
        CompletableFuture<String> error = new CompletableFuture<>();
        CompletableFuture<StompSession> session = CLIENT.connectAsync("ws://localhost:" + port + "/ws",
                new WebSocketHttpHeaders(), connectHeaders, new StompSessionHandlerAdapter() {
                    @Override
                    public Type getPayloadType(StompHeaders headers) {
                        return byte[].class;
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        error.complete(headers.getFirst("message"));
                    }

                    @Override
                    public void handleException(StompSession s, StompCommand command, StompHeaders headers,
                                                byte[] payload, Throwable exception) {
                        error.completeExceptionally(exception);
                    }
                });
        try {
            return new Attempt(session.get(WAIT.toSeconds(), TimeUnit.SECONDS), null);
        } catch (ExecutionException e) {
            try {
                return new Attempt(null, error.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            } catch (InterruptedException | ExecutionException | TimeoutException noErrorFrame) {
                throw new AssertionError("Connection failed without an ERROR frame", e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("No answer to CONNECT", e);
        }
    }

    /** Subscribes and collects the JSON bodies of the MESSAGE frames. */
    public BlockingQueue<JsonNode> subscribe(String destination) {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                if (!"application/json".equals(String.valueOf(headers.getContentType()))) {
                    // Shows up as an unexpected type in whichever assertion reads it.
                    messages.add(RoomJson.mapper().createObjectNode()
                            .put("type", "not JSON but " + headers.getContentType()));
                    return;
                }
                messages.add(RoomJson.mapper().readTree((byte[]) payload));
            }
        });
        return messages;
    }

    public void send(String destination, String body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The next direct reply on {@code /user/queue/rooms}. */
    public JsonNode nextReply() {
        return next(replies);
    }

    /** The next direct reply of this type, skipping others. */
    public JsonNode nextReply(String type) {
        return next(replies, message -> type.equals(message.get("type").asString()));
    }

    /**
     * Sends a time request and waits for its answer. The gateway handles a session's frames in order and
     * sends its frames in order, so whatever was sent before is handled, and whatever was published to this
     * session before is delivered (or dropped), when this returns.
     */
    public JsonNode roundTrip() {
        long sent = System.currentTimeMillis();
        send("/app/time", "{\"clientSendTime\":" + sent + "}");
        return next(replies, message -> "time_sync".equals(message.get("type").asString())
                && message.get("clientSendTime").asLong() == sent);
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    public static JsonNode next(BlockingQueue<JsonNode> messages) {
        try {
            JsonNode message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("No message within " + WAIT);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static JsonNode next(BlockingQueue<JsonNode> messages, Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = next(messages);
            if (matching.test(message)) {
                return message;
            }
        }
        throw new AssertionError("No matching message within " + WAIT);
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }

    private static WebSocketStompClient client() {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        // Bodies stay bytes: the tests read the JSON text themselves, as a browser client would.
        client.setMessageConverter(new SimpleMessageConverter());
        client.setDefaultHeartbeat(new long[] {0, 0});
        return client;
    }
}
