package io.watchtogether.command.rooms;

import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.Providers;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.Rejection.Reason;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomCommand.ChangeEpisode;
import io.watchtogether.events.RoomCommand.ChangeMedia;
import io.watchtogether.events.RoomCommand.ChangeProvider;
import io.watchtogether.events.RoomCommand.CloseRoom;
import io.watchtogether.events.RoomCommand.CreateRoom;
import io.watchtogether.events.RoomCommand.JoinRoom;
import io.watchtogether.events.RoomCommand.KickUser;
import io.watchtogether.events.RoomCommand.LeaveRoom;
import io.watchtogether.events.RoomCommand.Pause;
import io.watchtogether.events.RoomCommand.Play;
import io.watchtogether.events.RoomCommand.ReportPosition;
import io.watchtogether.events.RoomCommand.Seek;
import io.watchtogether.events.RoomCommand.SetPlaybackRate;
import io.watchtogether.events.RoomCommand.TransferAdmin;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomEvent.AdminTransferred;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.ParticipantKicked;
import io.watchtogether.events.RoomEvent.PlaybackRateChanged;
import io.watchtogether.events.RoomEvent.PlaybackSeeked;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.client.ClientRequests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever commands arrive, in whatever order, from whoever, with whatever values, {@code decide} and
 * {@code evolve} keep a room sound. Each try starts from {@link RoomState#initial}, sends up to
 * {@value #DEFAULT_MAX_COMMANDS} random commands (all {@link RoomCommand} types, from a small pool of users so that
 * joins, kicks and transfers collide, with invalid values now and then) through {@link RoomDecider#decide} at an
 * ever later server time, folds the accepted events with {@link RoomState#evolve} and checks every invariant
 * after every command.
 *
 * <p>A plain JUnit generator with a seeded {@link Random}, not jqwik: jqwik 1.10 is built on JUnit Platform 1.x
 * (this build runs Platform 6), and its author asks that it not be used with AI coding agents, which write much
 * of this project. A failure names the broken invariant, the try's seed and the shortest failing command
 * sequence found by dropping commands one at a time. Replay one try with
 * {@code -Droom.invariants.seed=<seed>}; change the amount with {@code -Droom.invariants.tries} and
 * {@code -Droom.invariants.commands}.
 */
class RoomInvariantsProperties {

    static final int DEFAULT_MAX_COMMANDS = 60;
    private static final int TRIES = Integer.getInteger("room.invariants.tries", 2_000);
    private static final int MAX_COMMANDS = Integer.getInteger("room.invariants.commands", DEFAULT_MAX_COMMANDS);
    private static final Long REPLAY_SEED = Long.getLong("room.invariants.seed");
    private static final String ROOM_ID = "room-under-test";
    private static final long START = 1_700_000_000_000L;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    @Test
    void random_command_sequences_keep_every_invariant_of_a_ten_person_room() {
        RoomRules rules = RoomRules.defaults();

        Summary summary = new Property(rules, 14, new RoomDecider(rules)::decide).check(REPLAY_SEED);

        assertThat(rules.maxParticipants()).isEqualTo(10);
        assertExplored(summary);
    }

    @Test
    void random_command_sequences_keep_every_invariant_of_a_three_person_room() {
        RoomRules rules = new RoomRules(3, Duration.ofMillis(500));

        Summary summary = new Property(rules, 6, new RoomDecider(rules)::decide).check(REPLAY_SEED);

        assertExplored(summary);
    }

    /** The property is only worth something if it notices a decider that breaks the rules. */
    @TestFactory
    Stream<DynamicTest> a_decider_that_breaks_an_invariant_is_caught() {
        RoomRules rules = new RoomRules(3, Duration.ofMillis(500));
        RoomDecider real = new RoomDecider(rules);
        return Stream.of(
                broken("that_lets_a_full_room_grow", "at most 3 participants", (command, state, now) -> {
                    Decision decision = real.decide(command, state, now);
                    return command.command() instanceof JoinRoom && rejectedFor(decision, Reason.ROOM_FULL)
                            ? join(command.actor(), state, now) : decision;
                }),
                broken("that_lets_a_kicked_user_back", "a kicked user never comes back", (command, state, now) -> {
                    Decision decision = real.decide(command, state, now);
                    return command.command() instanceof JoinRoom && rejectedFor(decision, Reason.NOT_ALLOWED)
                            ? join(command.actor(), state, now) : decision;
                }),
                broken("that_lets_a_member_join_twice", "no one is a participant twice", (command, state, now) ->
                        command.command() instanceof JoinRoom && state.open()
                                && state.isParticipant(command.actor().userId())
                                ? join(command.actor(), state, now) : real.decide(command, state, now)),
                broken("that_names_no_successor_when_the_admin_leaves", "the admin is a participant",
                        (command, state, now) -> {
                            Decision decision = real.decide(command, state, now);
                            if (!(decision instanceof Decision.Accepted accepted)) {
                                return decision;
                            }
                            return Decision.accept(accepted.events().stream()
                                    .filter(e -> !(e instanceof AdminTransferred t && "admin_left".equals(t.reason())))
                                    .toList());
                        }),
                broken("that_seeks_before_the_start", "position is never negative", (command, state, now) -> {
                    Decision decision = real.decide(command, state, now);
                    if (command.command() instanceof Seek seek && state.open() && seek.currentTime() < 0
                            && rejectedFor(decision, Reason.INVALID_COMMAND)) {
                        return Decision.accept(new PlaybackSeeked(command.actor().userId(),
                                state.playback().seekedTo(seek.currentTime(), now)));
                    }
                    return decision;
                }),
                broken("that_takes_any_rate", "rate is within", (command, state, now) -> {
                    Decision decision = real.decide(command, state, now);
                    if (command.command() instanceof SetPlaybackRate rate && state.open()
                            && rejectedFor(decision, Reason.INVALID_COMMAND)) {
                        return Decision.accept(new PlaybackRateChanged(command.actor().userId(),
                                state.playback().withRate(rate.rate(), now)));
                    }
                    return decision;
                }),
                broken("that_lets_people_into_a_closed_room", "a closed room accepts nothing", (command, state, now) ->
                        command.command() instanceof JoinRoom && state.exists() && state.closed()
                                ? join(command.actor(), state, now) : real.decide(command, state, now)),
                broken("that_throws_on_an_unknown_provider", "rejections are values", (command, state, now) -> {
                    if (command.command() instanceof ChangeProvider change && !Providers.isKnown(change.providerId())) {
                        throw new IllegalArgumentException("no provider " + change.providerId());
                    }
                    return real.decide(command, state, now);
                })
        ).map(mutant -> DynamicTest.dynamicTest(mutant.name(), () -> {
            Throwable caught = catchThrowable(() -> new Property(rules, 6, mutant.decide()).check(null));

            System.out.println(mutant.name() + " -> " + (caught == null ? "not caught" : caught.getMessage()));
            assertThat(caught).isInstanceOf(AssertionError.class)
                    .hasMessageContaining(mutant.invariant())
                    .hasMessageContaining("-Droom.invariants.seed=");
        }));
    }

    /** The generator reached every command type and the interesting corners, so passing means something. */
    private static void assertExplored(Summary summary) {
        if (REPLAY_SEED != null) {
            return;
        }
        for (Class<?> type : RoomCommand.class.getPermittedSubclasses()) {
            assertThat(summary.count("generated " + type.getSimpleName())).as("%s generated", type).isPositive();
        }
        for (Class<?> type : Commands.KNOWN.keySet()) {
            assertThat(summary.count("changed the room: " + type.getSimpleName()))
                    .as("%s accepted with events", type).isPositive();
        }
        for (Reason reason : List.of(Reason.ROOM_FULL, Reason.NOT_ALLOWED, Reason.INVALID_COMMAND,
                Reason.INVALID_TRANSITION, Reason.ROOM_NOT_FOUND, Reason.VERSION_CONFLICT)) {
            assertThat(summary.count("rejected " + reason)).as("rejected %s", reason).isPositive();
        }
        for (String corner : List.of("room full", "event RoomClosed", "event ParticipantKicked",
                "admin succeeded by the longest present", "kicked user refused at the door",
                "closed room refused a command")) {
            assertThat(summary.count(corner)).as(corner).isPositive();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The property: generate, run, check, shrink, report
    // ---------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Decide {
        Decision decide(CommandEnvelope command, RoomState state, long now);
    }

    /** One command of a sequence: how long after the previous one, who sends it, and with what expected version. */
    record Step(long gapMillis, Actor actor, Integer expectedVersionOffset, RoomCommand command) {
    }

    /** Breaks the property with the invariant it names. */
    static final class Violation extends AssertionError {
        final String invariant;

        Violation(String invariant, String detail, Throwable cause) {
            super(invariant + ": " + detail, cause);
            this.invariant = invariant;
        }
    }

    private record Mutant(String name, String invariant, Decide decide) {
    }

    private static Mutant broken(String that, String invariant, Decide decide) {
        return new Mutant("a_decider_" + that + "_is_caught", invariant, decide);
    }

    private static boolean rejectedFor(Decision decision, Reason reason) {
        return decision instanceof Decision.Rejected rejected && rejected.rejection().reason() == reason;
    }

    private static Decision join(Actor actor, RoomState state, long now) {
        Participant joining = new Participant(actor.userId(), actor.username(), now);
        return Decision.accept(new ParticipantJoined(actor.userId(), actor.username(), now,
                state.participantsWith(joining)));
    }

    private static final class Property {

        private final RoomRules rules;
        private final List<Actor> users;
        private final Decide decide;

        Property(RoomRules rules, int users, Decide decide) {
            this.rules = rules;
            this.users = IntStream.rangeClosed(1, users).mapToObj(i -> new Actor("u" + i, "user" + i)).toList();
            this.decide = decide;
        }

        /** Runs {@link #TRIES} random tries, or only the try of {@code replaySeed} if given. */
        Summary check(Long replaySeed) {
            long started = System.nanoTime();
            Summary summary = new Summary();
            long baseSeed = replaySeed != null ? replaySeed : ThreadLocalRandom.current().nextLong();
            if (replaySeed != null) {
                tryOnce(replaySeed, summary);
            } else {
                SplittableRandom seeds = new SplittableRandom(baseSeed);
                for (int i = 0; i < TRIES; i++) {
                    tryOnce(seeds.nextLong(), summary);
                }
            }
            System.out.printf("Room invariants, at most %d participants: %d sequences, %d commands "
                            + "(%d changed the room, %d rejected), %d events, base seed %d, %d ms%n%s%n",
                    rules.maxParticipants(), summary.count("sequences"), summary.count("commands"),
                    summary.count("changed the room"), summary.count("rejected"), summary.count("events"),
                    baseSeed, (System.nanoTime() - started) / 1_000_000, summary);
            return summary;
        }

        private void tryOnce(long seed, Summary summary) {
            Random random = new Random(seed);
            Commands commands = new Commands(random, users);
            int length = 1 + random.nextInt(MAX_COMMANDS);
            List<Step> steps = new ArrayList<>();
            Run run = new Run(rules, decide, summary, false);
            try {
                for (int i = 0; i < length; i++) {
                    Step step = commands.next(run.state, run.now);
                    steps.add(step);
                    run.apply(step);
                }
                run.finish();
            } catch (Violation violation) {
                throw report(seed, steps, violation);
            }
            summary.add("sequences");
        }

        private AssertionError report(long seed, List<Step> steps, Violation violation) {
            List<Step> shortest = shrink(steps, violation.invariant);
            Run replay = new Run(rules, decide, new Summary(), true);
            Violation again = null;
            try {
                for (Step step : shortest) {
                    replay.apply(step);
                }
                replay.finish();
            } catch (Violation v) {
                again = v;
            }
            Violation shown = again == null ? violation : again;
            return new AssertionError("Room invariant broken: " + shown.getMessage()
                    + "\n  seed " + seed + " (replay with -Droom.invariants.seed=" + seed + "), at most "
                    + rules.maxParticipants() + " participants, " + steps.size() + " commands generated, "
                    + shortest.size() + " of them still break it:\n"
                    + String.join("\n", replay.trace), shown);
        }

        /** Drops commands one at a time while the same invariant still breaks. */
        private List<Step> shrink(List<Step> steps, String invariant) {
            List<Step> current = steps;
            boolean shorter = true;
            while (shorter) {
                shorter = false;
                for (int i = current.size() - 1; i >= 0; i--) {
                    List<Step> candidate = new ArrayList<>(current);
                    candidate.remove(i);
                    if (breaks(candidate, invariant)) {
                        current = candidate;
                        shorter = true;
                    }
                }
            }
            return current;
        }

        private boolean breaks(List<Step> steps, String invariant) {
            Run run = new Run(rules, decide, new Summary(), false);
            try {
                for (Step step : steps) {
                    run.apply(step);
                }
                run.finish();
                return false;
            } catch (Violation violation) {
                return violation.invariant.equals(invariant);
            }
        }
    }

    /** One room going through one sequence of commands, checked after each. */
    private static final class Run {

        private final RoomRules rules;
        private final Decide decide;
        private final Summary summary;
        private final List<EventEnvelope> log = new ArrayList<>();
        private final Set<String> everKicked = new HashSet<>();
        private final boolean tracing;
        private final List<String> trace = new ArrayList<>();
        private RoomState state = RoomState.initial(ROOM_ID);
        private long now = START;
        private int sent;

        Run(RoomRules rules, Decide decide, Summary summary, boolean tracing) {
            this.rules = rules;
            this.decide = decide;
            this.summary = summary;
            this.tracing = tracing;
        }

        /** Notes what a command did, for the report of a failure (only then: formatting costs most of a try). */
        private void trace(Step step, Long expectedVersion, String outcome) {
            if (tracing) {
                trace.add(String.format("  %2d. +%dms %s %s%s -> %s", sent, step.gapMillis(), step.actor().userId(),
                        step.command(), expectedVersion == null ? "" : " expecting v" + expectedVersion, outcome));
            }
        }

        void apply(Step step) {
            now += step.gapMillis();
            sent++;
            RoomState before = state;
            int logged = log.size();
            Long expectedVersion = step.expectedVersionOffset() == null ? null
                    : before.version() + step.expectedVersionOffset();
            CommandEnvelope command = new CommandEnvelope("command-" + sent, ROOM_ID, step.actor(), now,
                    expectedVersion, null, step.command());
            String type = step.command().getClass().getSimpleName();
            summary.add("commands");
            summary.add("generated " + type);

            Decision decision;
            try {
                decision = decide.decide(command, before, now);
            } catch (RuntimeException e) {
                trace(step, expectedVersion, "threw " + e);
                throw new Violation("rejections are values, decide never throws", e.toString(), e);
            }
            if (decision == null) {
                trace(step, expectedVersion, "null");
                throw new Violation("rejections are values, decide never throws", "decide returned null", null);
            }
            if (decision instanceof Decision.Rejected rejected) {
                trace(step, expectedVersion, "rejected " + rejected.rejection());
                onRejected(step, before, rejected.rejection());
            } else {
                List<RoomEvent> events = ((Decision.Accepted) decision).events();
                trace(step, expectedVersion, "accepted " + events.stream().map(e -> e.getClass().getSimpleName())
                        .toList() + (events.isEmpty() ? "" : " up to v" + (before.version() + events.size())));
                onAccepted(step, before, events);
            }
            if (decision instanceof Decision.Rejected && (state != before || log.size() != logged)) {
                throw new Violation("a rejected command appends nothing", "the log grew from " + logged
                        + " to " + log.size(), null);
            }
            checkInvariants();
        }

        private void onRejected(Step step, RoomState before, Rejection rejection) {
            summary.add("rejected");
            if (rejection == null || rejection.reason() == null || rejection.detail() == null
                    || rejection.detail().isBlank()) {
                throw new Violation("a rejection says why", "rejection " + rejection, null);
            }
            summary.add("rejected " + rejection.reason());
            if (before.exists() && before.closed()) {
                summary.add("closed room refused a command");
            }
            if (step.command() instanceof JoinRoom && before.kicked().contains(step.actor().userId())) {
                summary.add("kicked user refused at the door");
            }
        }

        private void onAccepted(Step step, RoomState before, List<RoomEvent> events) {
            if (before.exists() && before.closed()) {
                throw new Violation("a closed room accepts nothing", "accepted " + events, null);
            }
            if (!before.exists() && !(step.command() instanceof CreateRoom)) {
                throw new Violation("a room that does not exist accepts only CreateRoom", "accepted " + events,
                        null);
            }
            if (!events.isEmpty()) {
                summary.add("changed the room");
                summary.add("changed the room: " + step.command().getClass().getSimpleName());
            }
            for (RoomEvent event : events) {
                long version = state.version() + 1;
                EventEnvelope envelope = new EventEnvelope("event-" + version, ROOM_ID, version, now,
                        "command-" + sent, "room-invariants", event);
                try {
                    state = state.evolve(envelope);
                } catch (RuntimeException e) {
                    throw new Violation("every accepted event folds", e.toString(), e);
                }
                log.add(envelope);
                summary.add("events");
                summary.add("event " + event.getClass().getSimpleName());
                if (event instanceof ParticipantKicked kicked) {
                    everKicked.add(kicked.userId());
                }
                if (event instanceof AdminTransferred transferred && "admin_left".equals(transferred.reason())) {
                    summary.add("admin succeeded by the longest present");
                }
            }
        }

        private void checkInvariants() {
            if (state.version() != log.size()) {
                throw new Violation("versions are contiguous from 1", "state at v" + state.version() + " after "
                        + log.size() + " events", null);
            }
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).version() != i + 1) {
                    throw new Violation("versions are contiguous from 1", "event " + (i + 1) + " has version "
                            + log.get(i).version(), null);
                }
            }
            List<String> members = state.participants().stream().map(Participant::userId).toList();
            if (!state.exists()) {
                if (!members.isEmpty()) {
                    throw new Violation("a room that does not exist has no participants", members.toString(), null);
                }
                return;
            }
            if (new HashSet<>(members).size() != members.size()) {
                throw new Violation("no one is a participant twice", members.toString(), null);
            }
            for (String userId : members) {
                if (everKicked.contains(userId) || state.kicked().contains(userId)) {
                    throw new Violation("a kicked user never comes back", userId + " is present again", null);
                }
            }
            if (!state.kicked().containsAll(everKicked)) {
                throw new Violation("a kicked user never comes back", "the state forgot kicks: " + state.kicked()
                        + " but kicked were " + everKicked, null);
            }
            if (members.size() > rules.maxParticipants() || members.size() > state.maxParticipants()) {
                throw new Violation("at most " + rules.maxParticipants() + " participants", members.size()
                        + " present: " + members, null);
            }
            if (members.size() == rules.maxParticipants()) {
                summary.add("room full");
            }
            if (state.closed()) {
                if (!members.isEmpty()) {
                    throw new Violation("a closed room has no participants", members.toString(), null);
                }
            } else {
                if (members.isEmpty()) {
                    throw new Violation("an open room has participants", "nobody is present", null);
                }
                if (state.adminId() == null || members.stream().filter(state.adminId()::equals).count() != 1) {
                    throw new Violation("exactly one admin, and the admin is a participant", "admin "
                            + state.adminId() + ", participants " + members, null);
                }
            }
            checkPlayback(state.playback());
        }

        private void checkPlayback(PlaybackState playback) {
            if (playback == null) {
                throw new Violation("a room has a playback state", "none", null);
            }
            if (!(playback.playbackRate() >= PlaybackState.MIN_RATE && playback.playbackRate() <= PlaybackState.MAX_RATE)) {
                throw new Violation("rate is within " + PlaybackState.MIN_RATE + " and " + PlaybackState.MAX_RATE,
                        String.valueOf(playback.playbackRate()), null);
            }
            for (double position : new double[] {playback.currentTime(), playback.positionAt(now),
                    playback.positionAt(now + DAY_MS)}) {
                if (!Double.isFinite(position) || position < 0) {
                    throw new Violation("position is never negative and always finite", position + " in " + playback,
                            null);
                }
            }
            long latestAnchor = now + rules.anchorLead().toMillis();
            if (playback.anchorTime() > latestAnchor) {
                throw new Violation("playback is anchored no later than the anchor lead ahead of now",
                        playback.anchorTime() + " > " + latestAnchor, null);
            }
        }

        void finish() {
            RoomState folded = RoomState.fold(ROOM_ID, log);
            if (!folded.equals(state)) {
                throw new Violation("the fold of the log equals the state built step by step", folded + " vs "
                        + state, null);
            }
        }
    }

    /** Counters of what the tries went through. */
    private static final class Summary {
        private final Map<String, Integer> counts = new TreeMap<>();

        void add(String key) {
            counts.merge(key, 1, Integer::sum);
        }

        int count(String key) {
            return counts.getOrDefault(key, 0);
        }

        @Override
        public String toString() {
            return counts.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("\n"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Random commands
    // ---------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface CommandMaker {
        RoomCommand make(Commands commands, RoomState state, Actor actor);
    }

    /** Random commands for one try, weighted by a profile drawn for the try (join-heavy, leave-heavy, ...). */
    private static final class Commands {

        static final Map<Class<? extends RoomCommand>, CommandMaker> KNOWN = new LinkedHashMap<>();

        static {
            KNOWN.put(CreateRoom.class, (c, s, a) -> new CreateRoom(c.name(), c.mediaId(), c.mediaType(),
                    c.provider(), c.optionalNumber(), c.optionalNumber(), c.random.nextBoolean()));
            KNOWN.put(JoinRoom.class, (c, s, a) -> new JoinRoom());
            KNOWN.put(LeaveRoom.class, (c, s, a) -> new LeaveRoom(c.pick(null, "", "left", "disconnected",
                    "heartbeat_timeout")));
            KNOWN.put(Play.class, (c, s, a) -> new Play());
            KNOWN.put(Pause.class, (c, s, a) -> new Pause());
            KNOWN.put(Seek.class, (c, s, a) -> new Seek(c.position(s)));
            KNOWN.put(SetPlaybackRate.class, (c, s, a) -> new SetPlaybackRate(c.rate()));
            KNOWN.put(ReportPosition.class, (c, s, a) -> new ReportPosition(c.position(s)));
            KNOWN.put(ChangeEpisode.class, (c, s, a) -> new ChangeEpisode(c.optionalNumber(), c.number()));
            KNOWN.put(ChangeProvider.class, (c, s, a) -> new ChangeProvider(c.provider()));
            KNOWN.put(ChangeMedia.class, (c, s, a) -> new ChangeMedia(c.mediaId(),
                    c.random.nextInt(3) == 0 ? null : c.mediaType(), c.optionalNumber(), c.optionalNumber()));
            KNOWN.put(TransferAdmin.class, (c, s, a) -> new TransferAdmin(c.target(s, a)));
            KNOWN.put(KickUser.class, (c, s, a) -> new KickUser(c.target(s, a)));
            KNOWN.put(CloseRoom.class, (c, s, a) -> new CloseRoom(c.pick(null, "", "inactive", "empty")));
        }

        private final Random random;
        private final List<Actor> users;
        private final List<Class<?>> types = new ArrayList<>();
        private final int[] weights;
        private final int totalWeight;
        private long now;

        Commands(Random random, List<Actor> users) {
            this.random = random;
            this.users = users;
            Map<Class<?>, Integer> profile = new LinkedHashMap<>();
            for (Class<?> type : RoomCommand.class.getPermittedSubclasses()) {
                profile.put(type, 3); // a command type added later is generated too, by reflection
            }
            profile.put(CreateRoom.class, 1);
            profile.put(JoinRoom.class, 8 + random.nextInt(23));
            profile.put(LeaveRoom.class, 1 + random.nextInt(10));
            profile.put(KickUser.class, 1 + random.nextInt(6));
            profile.put(TransferAdmin.class, 3);
            profile.put(ReportPosition.class, 5);
            profile.put(ChangeEpisode.class, 2);
            profile.put(ChangeProvider.class, 2);
            profile.put(ChangeMedia.class, 2);
            types.addAll(profile.keySet());
            weights = profile.values().stream().mapToInt(Integer::intValue).toArray();
            totalWeight = Arrays.stream(weights).sum();
        }

        Step next(RoomState state, long lastTime) {
            long gap = gap();
            now = lastTime + gap;
            Class<?> type = !state.exists() && random.nextInt(10) < 8 ? CreateRoom.class : weightedType();
            Actor actor = type == JoinRoom.class && random.nextInt(10) < 7 ? outsider(state)
                    : type == CloseRoom.class && random.nextBoolean() ? Actor.system() : actor(state);
            CommandMaker maker = KNOWN.get(type);
            RoomCommand command = maker != null ? maker.make(this, state, actor) : byReflection(type, state, actor);
            return new Step(gap, actor, expectedVersionOffset(), command);
        }

        private Class<?> weightedType() {
            int roll = random.nextInt(totalWeight);
            for (int i = 0; i < weights.length; i++) {
                roll -= weights[i];
                if (roll < 0) {
                    return types.get(i);
                }
            }
            throw new IllegalStateException("weights");
        }

        /** Someone from the pool who is not in the room (a kicked user among them). */
        private Actor outsider(RoomState state) {
            List<Actor> outside = users.stream().filter(u -> !state.isParticipant(u.userId())).toList();
            return outside.isEmpty() ? users.get(random.nextInt(users.size()))
                    : outside.get(random.nextInt(outside.size()));
        }

        /** Mostly people in the room, often its admin, sometimes anyone from the pool or the system. */
        private Actor actor(RoomState state) {
            int roll = random.nextInt(100);
            if (roll < 40 && !state.participants().isEmpty()) {
                Participant p = state.participants().get(random.nextInt(state.participants().size()));
                return new Actor(p.userId(), p.username());
            }
            if (roll < 65 && state.adminId() != null) {
                return users.stream().filter(u -> u.userId().equals(state.adminId())).findFirst()
                        .orElse(new Actor(state.adminId(), state.adminId()));
            }
            if (roll < 95) {
                return users.get(random.nextInt(users.size()));
            }
            return Actor.system();
        }

        /** Usually seconds, sometimes the same millisecond, minutes, or more than a day. */
        private long gap() {
            int roll = random.nextInt(100);
            if (roll < 7) {
                return 0;
            }
            if (roll < 77) {
                return 1 + random.nextInt(3_000);
            }
            if (roll < 97) {
                return 3_000 + random.nextInt(600_000);
            }
            return random.nextLong(30 * 3_600_000L);
        }

        private Integer expectedVersionOffset() {
            int roll = random.nextInt(100);
            if (roll < 85) {
                return null;
            }
            return roll < 95 ? 0 : random.nextBoolean() ? -1 : 1;
        }

        String target(RoomState state, Actor actor) {
            int roll = random.nextInt(100);
            if (roll < 60 && !state.participants().isEmpty()) {
                return state.participants().get(random.nextInt(state.participants().size())).userId();
            }
            if (roll < 85) {
                return users.get(random.nextInt(users.size())).userId();
            }
            return pick(null, "", " ", actor.userId(), Actor.SYSTEM_ID, "nobody");
        }

        double position(RoomState state) {
            int roll = random.nextInt(100);
            if (roll < 60) {
                return random.nextDouble() * 7_200;
            }
            if (roll < 75 && state.playback() != null) {
                // Near where the room is, so that some reports fall within the tolerance.
                return Math.max(0, state.playback().positionAt(now) + random.nextGaussian());
            }
            return pick(0.0, -0.0, -1.0, -1e-9, -1e300, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, 1e300,
                    ClientRequests.MAX_POSITION_SECONDS, Math.nextUp(ClientRequests.MAX_POSITION_SECONDS));
        }

        double rate() {
            int roll = random.nextInt(100);
            if (roll < 55) {
                return pick(0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 4.0);
            }
            if (roll < 75) {
                return PlaybackState.MIN_RATE + random.nextDouble() * (PlaybackState.MAX_RATE - PlaybackState.MIN_RATE);
            }
            return pick(0.0, -1.0, 0.2499, Math.nextDown(PlaybackState.MIN_RATE), Math.nextUp(PlaybackState.MAX_RATE),
                    4.01, 100.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                    -Double.MIN_VALUE);
        }

        String provider() {
            return random.nextInt(4) > 0 ? Providers.all().get(random.nextInt(Providers.all().size())).id()
                    : pick(null, "", "unknown", "VIDNEST", " vidsrc", "netflix");
        }

        String name() {
            return random.nextInt(7) > 0 ? pick("Movie night", "  Series night ", "x".repeat(100))
                    : pick(null, "", "   ", "x".repeat(101));
        }

        String mediaId() {
            return random.nextInt(6) > 0 ? pick("550", "1399", "tt0111161") : pick(null, "", " ");
        }

        String mediaType() {
            return random.nextInt(6) > 0 ? pick(PlaybackState.MOVIE, PlaybackState.TV) : pick(null, "", "show", "TV");
        }

        Integer optionalNumber() {
            int roll = random.nextInt(10);
            if (roll < 5) {
                return 1 + random.nextInt(5);
            }
            return roll < 8 ? null : pick(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        int number() {
            return random.nextInt(5) > 0 ? 1 + random.nextInt(10) : pick(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @SafeVarargs
        final <T> T pick(T... values) {
            return values[random.nextInt(values.length)];
        }

        /**
         * A command type without a maker of its own (one added after this test was written): a record built from
         * values picked by the names and types of its components. Add a maker to {@link #KNOWN} to do better.
         */
        private RoomCommand byReflection(Class<?> type, RoomState state, Actor actor) {
            if (!type.isRecord()) {
                throw new IllegalStateException("Cannot generate " + type + ": add it to RoomInvariantsProperties");
            }
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = value(components[i], state, actor);
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                return (RoomCommand) constructor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot generate " + type + ": add it to RoomInvariantsProperties", e);
            }
        }

        private Object value(RecordComponent component, RoomState state, Actor actor) {
            Class<?> type = component.getType();
            String name = component.getName().toLowerCase();
            if (type == String.class) {
                if (name.contains("user") || name.contains("admin")) {
                    return target(state, actor);
                }
                if (name.contains("provider")) {
                    return provider();
                }
                return pick(null, "", "inactive", "empty", "left", "x");
            }
            if (type == double.class || type == Double.class) {
                return name.contains("rate") ? rate() : position(state);
            }
            if (type == int.class || type == Integer.class) {
                return type == Integer.class ? optionalNumber() : number();
            }
            if (type == long.class || type == Long.class) {
                return type == Long.class && random.nextBoolean() ? null : (long) random.nextInt(100);
            }
            if (type == boolean.class || type == Boolean.class) {
                return random.nextBoolean();
            }
            return null;
        }
    }
}
