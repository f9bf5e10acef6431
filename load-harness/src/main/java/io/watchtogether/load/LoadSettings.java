package io.watchtogether.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run does. Without {@code --duration} and {@code --actions} a run sends 10 actions per room (or stops
 * after 30 s); with {@code --duration} alone it sends for that long; {@code --actions=K} caps the actions per room.
 *
 * @param rooms             rooms, each with its own participants
 * @param participants      participants per room, the first of them the room's creator and controller (2 to 10)
 * @param actionsPerSecond  play/pause/seek actions the controller of each room sends per second
 * @param duration          how long controllers send at most
 * @param actions           actions per room at most, 0 for no limit
 * @param api               command-api base URL (REST)
 * @param gateway           sync-gateway STOMP endpoint
 * @param out               where the JSON result goes
 * @param grace             how long to wait after the last action for deliveries still on their way
 * @param setupConcurrency  REST requests and WebSocket connects in flight at once while setting up
 */
public record LoadSettings(int rooms, int participants, double actionsPerSecond, Duration duration, long actions,
                           URI api, URI gateway, Path out, Duration grace, int setupConcurrency) {

    static final String USAGE = """
            options: --rooms=N (1) --participants=M (3) --actions-per-second=R (2) --duration=60s (30s)
                     --actions=K (10 when --duration is not given, else no limit) --api=http://localhost:3000
                     --gateway=ws://localhost:3001/ws --out=target/load-result.json --grace=5s --setup-concurrency=16""";

    public LoadSettings {
        if (rooms < 1) {
            throw new IllegalArgumentException("--rooms must be at least 1");
        }
        if (participants < 2 || participants > 10) {
            throw new IllegalArgumentException("--participants must be between 2 and 10 (the controller and at least one receiver)");
        }
        // The gateway refuses more than 20 commands per second per user (burst 40): stay well under it.
        if (!(actionsPerSecond > 0) || actionsPerSecond > 15) {
            throw new IllegalArgumentException("--actions-per-second must be above 0 and at most 15");
        }
        if (duration.isNegative() || duration.isZero() || grace.isNegative() || actions < 0 || setupConcurrency < 1) {
            throw new IllegalArgumentException("--duration must be positive; --grace, --actions not negative; --setup-concurrency at least 1");
        }
    }

    public static LoadSettings defaults() {
        return parse();
    }

    public static LoadSettings parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        boolean durationGiven = options.containsKey("duration");
        LoadSettings settings = new LoadSettings(
                Integer.parseInt(options.getOrDefault("rooms", "1")),
                Integer.parseInt(options.getOrDefault("participants", "3")),
                Double.parseDouble(options.getOrDefault("actions-per-second", "2")),
                duration(options.getOrDefault("duration", "30s")),
                Long.parseLong(options.getOrDefault("actions", durationGiven ? "0" : "10")),
                URI.create(options.getOrDefault("api", "http://localhost:3000")),
                URI.create(options.getOrDefault("gateway", "ws://localhost:3001/ws")),
                Path.of(options.getOrDefault("out", "target/load-result.json")),
                duration(options.getOrDefault("grace", "5s")),
                Integer.parseInt(options.getOrDefault("setup-concurrency", "16")));
        options.keySet().removeAll(java.util.Set.of("rooms", "participants", "actions-per-second", "duration", "actions",
                "api", "gateway", "out", "grace", "setup-concurrency"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + options.keySet() + "\n" + USAGE);
        }
        return settings;
    }

    /** {@code 500ms}, {@code 60s}, {@code 2m}, or ISO-8601 ({@code PT1M}). */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.startsWith("pt")) {
            return Duration.parse(value);
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
        }
        if (value.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    int sessions() {
        return rooms * participants;
    }

    LoadSettings withOut(Path out) {
        return new LoadSettings(rooms, participants, actionsPerSecond, duration, actions, api, gateway, out, grace,
                setupConcurrency);
    }
}
