package io.watchtogether.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one run. Deliveries count only participants other than the controller, so a room of M
 * participants expects M − 1 deliveries per action; {@code lost} is expected minus delivered once the grace
 * period is over. Latencies are from the controller's send to a participant's receipt, in milliseconds.
 */
public record LoadResult(int rooms, int participants, int sessions, double actionsPerSecondPerRoom, long actionsSent,
                         long actionsRejected, long expectedDeliveries, long deliveries, long lost, long duplicated,
                         long outOfOrder, long unmatched, double deliveriesPerSecond, double p50Ms, double p95Ms,
                         double p99Ms, double maxMs, double meanMs, double setupSeconds, double sendingSeconds,
                         double elapsedSeconds) {

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rooms", rooms);
        json.put("participants", participants);
        json.put("sessions", sessions);
        json.put("actionsPerSecondPerRoom", actionsPerSecondPerRoom);
        json.put("controllerReceiptsTimed", false);
        json.put("actionsSent", actionsSent);
        json.put("actionsRejected", actionsRejected);
        json.put("expectedDeliveries", expectedDeliveries);
        json.put("deliveries", deliveries);
        json.put("lost", lost);
        json.put("duplicated", duplicated);
        json.put("outOfOrder", outOfOrder);
        json.put("unmatched", unmatched);
        json.put("deliveriesPerSecond", deliveriesPerSecond);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", p50Ms);
        latency.put("p95", p95Ms);
        latency.put("p99", p99Ms);
        latency.put("max", maxMs);
        latency.put("mean", meanMs);
        json.put("latencyMs", latency);
        json.put("setupSeconds", setupSeconds);
        json.put("sendingSeconds", sendingSeconds);
        json.put("elapsedSeconds", elapsedSeconds);
        return json;
    }
}
