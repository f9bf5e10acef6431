package io.watchtogether.system;

import io.watchtogether.events.RoomJson;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A STOMP 1.2 client over WebSocket, as a browser with @stomp/stompjs would be: token in the CONNECT frame. */
final class StompSession implements AutoCloseable {

    private final org.springframework.messaging.simp.stomp.StompSession session;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

    private StompSession(org.springframework.messaging.simp.stomp.StompSession session) {
        this.session = session;
    }

    static StompSession connect(int port, String token) throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        // Bodies stay raw bytes both ways: the gateway sends application/json, which StringMessageConverter refuses.
        client.setMessageConverter(new SimpleMessageConverter());
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        var session = client.connectAsync("ws://127.0.0.1:" + port + "/ws", new WebSocketHttpHeaders(), connect,
                new StompSessionHandlerAdapter() {
                }).get(10, TimeUnit.SECONDS);
        return new StompSession(session);
    }

    /** Subscribes; every message of every subscription lands in one queue, in arrival order. */
    StompSession subscribe(String destination) {
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                messages.add(RoomJson.mapper().readTree((byte[]) payload));
            }
        });
        return this;
    }

    void send(String destination, Map<String, Object> body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        session.send(headers, RoomJson.write(body));
    }

    /** The next message of the given type, skipping others; fails after the timeout. */
    JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode message = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("No '" + type + "' message within " + timeout);
            }
            if (type.equals(message.path("type").asString())) {
                return message;
            }
        }
    }

    /** The next message, whatever its type. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No message within " + timeout);
        }
        return message;
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }
}
