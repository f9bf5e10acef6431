package io.watchtogether.load;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One participant's STOMP session. It checks the room's versions arrive once each and in order, and times every
 * {@code playback_updated} from its controller's send. The controller's own receipts are not timed: a control
 * "reaches the other clients", as in Syncplay's figures.
 */
final class ParticipantSession {

    private static final java.util.concurrent.atomic.AtomicInteger errorsPrinted = new java.util.concurrent.atomic.AtomicInteger();

    final RoomLoad room;
    final boolean controller;
    private final DeliveryStats stats;
    private final CountDownLatch ready = new CountDownLatch(1);
    private StompSession session;
    private long lastVersion = -1;
    private int cursor;

    ParticipantSession(RoomLoad room, boolean controller, DeliveryStats stats) {
        this.room = room;
        this.controller = controller;
        this.stats = stats;
    }

    /** Subscribes to replies and the room, then asks for a sync: its answer says both subscriptions are in place. */
    void start(StompSession session) {
        this.session = session;
        session.subscribe("/user/queue/rooms", handler(false));
        session.subscribe("/topic/rooms." + room.roomId, handler(true));
        send("/app/rooms." + room.roomId + ".sync", Map.of());
    }

    CountDownLatch ready() {
        return ready;
    }

    void sendNextAction() {
        send("/app/rooms." + room.roomId + ".playback", room.next());
        stats.actionsSent.increment();
    }

    void close() {
        if (session != null && session.isConnected()) {
            try {
                session.disconnect();
            } catch (RuntimeException e) {
                // the connection is going away anyway
            }
        }
    }

    private void send(String destination, Map<String, Object> body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, SystemApi.JSON.writeValueAsBytes(body));
    }

    private StompFrameHandler handler(boolean roomTopic) {
        return new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                long received = System.nanoTime();
                JsonNode message = SystemApi.JSON.readTree((byte[]) payload);
                if (roomTopic) {
                    onRoomEvent(message, received);
                } else {
                    onReply(message);
                }
            }
        };
    }

    private void onReply(JsonNode message) {
        String type = text(message.path("type"));
        if ("sync_response".equals(type)) {
            ready.countDown();
        } else if ("error".equals(type)) {
            // A refused subscription or sync leaves the session unconfirmed; a refused action counts as rejected.
            if (controller && !"sync".equals(text(message.path("command")))) {
                stats.rejected.increment();
            }
            if (errorsPrinted.incrementAndGet() <= 5) {
                System.err.println("room " + room.roomId + ": " + message);
            }
        }
    }

    private synchronized void onRoomEvent(JsonNode message, long received) {
        JsonNode versionNode = message.path("version");
        if (versionNode.isNumber()) {
            long version = versionNode.asLong();
            if (version == lastVersion) {
                stats.duplicated.increment();
                return;
            }
            if (version < lastVersion) {
                stats.outOfOrder.increment();
                return;
            }
            lastVersion = version;
        }
        if (controller || !"playback_updated".equals(text(message.path("type")))) {
            return;
        }
        JsonNode position = message.at("/action/data/currentTime");
        int k = room.match(cursor, text(message.at("/action/type")), position.isNumber() ? position.asDouble() : Double.NaN);
        if (k < 0) {
            stats.unmatched.increment();
            return;
        }
        cursor = k + 1;
        stats.delivered(room.sendNanos(k), received);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asString();
    }
}
