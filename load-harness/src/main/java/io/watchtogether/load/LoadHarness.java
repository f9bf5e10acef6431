package io.watchtogether.load;

import org.HdrHistogram.Histogram;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Drives the running system through its public interfaces only: registers rooms × participants users and sets
 * the rooms up over REST, opens one real STOMP-over-WebSocket session per participant, lets each room's creator
 * send play/pause/seek at the given rate, and times every delivery to the other participants.
 *
 * <pre>./mvnw -q -pl load-harness compile exec:java -Dexec.args="--rooms=200 --participants=10 --duration=60s"</pre>
 */
public final class LoadHarness {

    private final LoadSettings settings;
    private final PrintStream out;
    private final DeliveryStats stats = new DeliveryStats();
    private final SystemApi api;
    private final List<ServiceMetrics> services;

    LoadHarness(LoadSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.api = new SystemApi(settings.api());
        this.services = List.of(new ServiceMetrics("command-api", settings.api(), api),
                new ServiceMetrics("sync-gateway", ServiceMetrics.httpBase(settings.gateway()), api));
    }

    public static void main(String[] args) throws Exception {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return;
        }
        try {
            run(settings, System.out);
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("load: failed: " + e.getCause().getMessage());
        } catch (IllegalStateException | IOException | java.util.concurrent.TimeoutException e) {
            System.err.println("load: failed: " + e.getMessage());
        }
    }

    /** Runs the load once, prints progress and a summary to {@code out}, writes the JSON result, returns it. */
    public static LoadResult run(LoadSettings settings, PrintStream out) throws Exception {
        return new LoadHarness(settings, out).run();
    }

    private LoadResult run() throws Exception {
        out.printf("load: %d rooms x %d participants (%d sessions), %s actions/s per room, for %s%s; api %s, gateway %s%n",
                settings.rooms(), settings.participants(), settings.sessions(), settings.actionsPerSecond(),
                settings.duration(), settings.actions() > 0 ? " or " + settings.actions() + " actions" : "",
                settings.api(), settings.gateway());
        long setupStart = System.nanoTime();
        ExecutorService setup = Executors.newFixedThreadPool(settings.setupConcurrency(), daemon("load-setup"));
        ThreadPoolTaskScheduler stompScheduler = new ThreadPoolTaskScheduler();
        stompScheduler.setPoolSize(2);
        stompScheduler.setDaemon(true);
        stompScheduler.setThreadNamePrefix("load-stomp-");
        stompScheduler.initialize();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("load-controller"));
        List<ParticipantSession> sessions = new ArrayList<>();
        try {
            List<List<SystemApi.User>> users = registerAndJoin(setup);
            WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
            // Bodies stay raw bytes both ways: the gateway sends application/json, which StringMessageConverter refuses.
            client.setMessageConverter(new SimpleMessageConverter());
            client.setTaskScheduler(stompScheduler);
            client.setDefaultHeartbeat(new long[] {0, 0});
            List<RoomLoad> rooms = connect(client, users, sessions);
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            out.printf("setup: %d users, %d rooms, %d sessions ready in %.1f s%n", settings.sessions(), rooms.size(),
                    sessions.size(), setupSeconds);
            return drive(rooms, sessions, timers, setupSeconds);
        } finally {
            timers.shutdownNow();
            sessions.forEach(ParticipantSession::close);
            setup.shutdownNow();
            stompScheduler.shutdown();
        }
    }

    private List<List<SystemApi.User>> registerAndJoin(ExecutorService setup) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);
        List<List<Future<SystemApi.User>>> registering = new ArrayList<>();
        for (int r = 0; r < settings.rooms(); r++) {
            List<Future<SystemApi.User>> room = new ArrayList<>();
            for (int p = 0; p < settings.participants(); p++) {
                String username = "lh" + run + "-" + r + "-" + p;
                room.add(setup.submit(() -> api.register(username)));
            }
            registering.add(room);
        }
        List<List<SystemApi.User>> users = new ArrayList<>();
        for (List<Future<SystemApi.User>> room : registering) {
            List<SystemApi.User> members = new ArrayList<>();
            for (Future<SystemApi.User> user : room) {
                members.add(user.get());
            }
            users.add(members);
        }
        List<Future<String>> creating = new ArrayList<>();
        for (int r = 0; r < users.size(); r++) {
            SystemApi.User admin = users.get(r).get(0);
            String name = "Load " + run + " #" + r;
            creating.add(setup.submit(() -> api.createRoom(admin, name)));
        }
        List<Future<?>> joining = new ArrayList<>();
        roomIds = new ArrayList<>();
        for (int r = 0; r < users.size(); r++) {
            String roomId = creating.get(r).get();
            roomIds.add(roomId);
            for (SystemApi.User user : users.get(r).subList(1, users.get(r).size())) {
                joining.add(setup.submit(() -> api.join(roomId, user)));
            }
        }
        for (Future<?> join : joining) {
            join.get();
        }
        // Subscriptions are checked against the read model, which follows the log a moment later.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).plusMillis(10L * settings.sessions()).toNanos();
        List<Future<?>> projected = new ArrayList<>();
        for (int r = 0; r < users.size(); r++) {
            String roomId = roomIds.get(r);
            SystemApi.User admin = users.get(r).get(0);
            projected.add(setup.submit(() -> {
                while (!api.readModelShows(roomId, admin, settings.participants())) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("room " + roomId + " did not show all its participants in time");
                    }
                    Thread.sleep(50);
                }
                return null;
            }));
        }
        for (Future<?> room : projected) {
            room.get();
        }
        return users;
    }

    private List<String> roomIds;

    private List<RoomLoad> connect(WebSocketStompClient client, List<List<SystemApi.User>> users,
                                   List<ParticipantSession> sessions) throws Exception {
        Semaphore inFlight = new Semaphore(settings.setupConcurrency() * 4);
        List<RoomLoad> rooms = new ArrayList<>();
        List<CompletableFuture<?>> connecting = new ArrayList<>();
        for (int r = 0; r < users.size(); r++) {
            RoomLoad room = new RoomLoad(roomIds.get(r), r);
            rooms.add(room);
            for (int p = 0; p < users.get(r).size(); p++) {
                ParticipantSession participant = new ParticipantSession(room, p == 0, stats);
                sessions.add(participant);
                StompHeaders connect = new StompHeaders();
                connect.add("Authorization", "Bearer " + users.get(r).get(p).token());
                inFlight.acquire();
                connecting.add(client.connectAsync(settings.gateway().toString(), new WebSocketHttpHeaders(), connect,
                                new StompSessionHandlerAdapter() {
                                })
                        .whenComplete((session, failure) -> inFlight.release())
                        .thenAccept((StompSession session) -> participant.start(session)));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).plusMillis(10L * sessions.size()).toNanos();
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
                .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        for (ParticipantSession session : sessions) {
            if (!session.ready().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("a session in room " + session.room.roomId
                        + " got no sync_response: its subscriptions are not confirmed");
            }
        }
        return rooms;
    }

    private LoadResult drive(List<RoomLoad> rooms, List<ParticipantSession> sessions, ScheduledExecutorService timers,
                             double setupSeconds) throws Exception {
        long periodNanos = Math.round(1e9 / settings.actionsPerSecond());
        CountDownLatch roomsDone = new CountDownLatch(rooms.size());
        long start = System.nanoTime();
        long stopAt = start + settings.duration().toNanos();
        Instant startedAt = Instant.now();
        List<ScheduledFuture<?>> controllers = new ArrayList<>();
        for (ParticipantSession session : sessions) {
            if (!session.controller) {
                continue;
            }
            // Rooms start spread over one period so their actions do not all leave at the same instant.
            long offset = periodNanos * session.room.index / rooms.size();
            boolean[] done = {false};
            controllers.add(timers.scheduleAtFixedRate(() -> {
                if (done[0]) {
                    return;
                }
                boolean enough = settings.actions() > 0 && session.room.sentCount() >= settings.actions();
                if (enough || System.nanoTime() >= stopAt) {
                    done[0] = true;
                    roomsDone.countDown();
                    return;
                }
                try {
                    session.sendNextAction();
                } catch (RuntimeException e) {
                    System.err.println("room " + session.room.roomId + ": send failed: " + e.getMessage());
                }
            }, offset, periodNanos, TimeUnit.NANOSECONDS));
        }
        ScheduledFuture<?> progress = timers.scheduleAtFixedRate(() -> progress(start), 1, 1, TimeUnit.SECONDS);
        roomsDone.await(settings.duration().toSeconds() + 60, TimeUnit.SECONDS);
        long sendingNanos = System.nanoTime() - start;
        controllers.forEach(c -> c.cancel(false));
        long graceEnd = System.nanoTime() + settings.grace().toNanos();
        while (System.nanoTime() < graceEnd && stats.delivered.sum() < expected()) {
            Thread.sleep(20);
        }
        progress.cancel(false);
        stats.drainInterval();
        return summarize(startedAt, setupSeconds, sendingNanos / 1e9, System.nanoTime() - start);
    }

    private long expected() {
        return stats.actionsSent.sum() * (settings.participants() - 1);
    }

    private void progress(long start) {
        services.forEach(ServiceMetrics::sample);
        Histogram interval = stats.drainInterval();
        out.printf("%4ds  actions %d  deliveries %d  p50 %s  p99 %s  in-flight %d  dup %d  ooo %d  rejected %d%n",
                Math.round((System.nanoTime() - start) / 1e9), stats.actionsSent.sum(), stats.delivered.sum(),
                ms(interval, h -> h.getValueAtPercentile(50)), ms(interval, h -> h.getValueAtPercentile(99)),
                Math.max(0, expected() - stats.delivered.sum()), stats.duplicated.sum(), stats.outOfOrder.sum(),
                stats.rejected.sum());
    }

    private static String ms(Histogram histogram, Function<Histogram, Long> micros) {
        return histogram.getTotalCount() == 0 ? "-" : String.format("%.2fms", micros.apply(histogram) / 1000.0);
    }

    private LoadResult summarize(Instant startedAt, double setupSeconds, double sendingSeconds, long elapsedNanos)
            throws IOException {
        Histogram total = stats.total();
        long expected = expected();
        long delivered = stats.delivered.sum();
        LoadResult result = new LoadResult(settings.rooms(), settings.participants(), settings.sessions(),
                settings.actionsPerSecond(), stats.actionsSent.sum(), stats.rejected.sum(), expected, delivered,
                Math.max(0, expected - delivered), stats.duplicated.sum(), stats.outOfOrder.sum(), stats.unmatched.sum(),
                delivered / Math.max(sendingSeconds, 1e-9),
                total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(95) / 1000.0,
                total.getValueAtPercentile(99) / 1000.0, total.getMaxValue() / 1000.0, total.getMean() / 1000.0,
                setupSeconds, sendingSeconds, elapsedNanos / 1e9);
        out.printf("%nresult: %d actions sent, %d rejected; %d of %d deliveries timed (%.0f/s); lost %d, duplicated %d,"
                        + " out of order %d, unmatched %d%n",
                result.actionsSent(), result.actionsRejected(), delivered, expected, result.deliveriesPerSecond(),
                result.lost(), result.duplicated(), result.outOfOrder(), result.unmatched());
        out.printf("latency controller send -> participant receipt: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                result.p50Ms(), result.p95Ms(), result.p99Ms(), result.maxMs());
        services.forEach(s -> out.println(s.line()));
        write(result, startedAt);
        out.println("written " + settings.out().toAbsolutePath());
        return result;
    }

    private void write(LoadResult result, Instant startedAt) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", startedAt.toString());
        json.put("api", settings.api().toString());
        json.put("gateway", settings.gateway().toString());
        json.putAll(result.json());
        Map<String, Object> serviceJson = new LinkedHashMap<>();
        services.forEach(s -> serviceJson.put(s.name(), s.json()));
        json.put("services", serviceJson);
        Path file = settings.out();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(json));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
