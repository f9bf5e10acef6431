package io.watchtogether.command.rooms;

import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.Providers;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomEvent;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.RoomCreated;
import io.watchtogether.events.RoomState;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given events, when a command, then events or a rejection. The "given" state is always the fold of
 * events through {@link RoomState#evolve}, as the room processor builds it; accepted events are folded
 * too, so a scenario can go on from where the last command left it.
 */
final class RoomScenario {

    static final String ROOM_ID = "room-1";
    static final String ROOM_NAME = "Movie night";
    static final String MEDIA_ID = "550";
    static final long CREATED_AT = 1_700_000_000_000L;

    private final RoomRules rules;
    private final RoomDecider decider;
    private RoomState state = RoomState.initial(ROOM_ID);
    private Decision decision;
    private long decidedAt;

    private RoomScenario(RoomRules rules) {
        this.rules = rules;
        this.decider = new RoomDecider(rules);
    }

    static RoomScenario underDefaultRules() {
        return new RoomScenario(RoomRules.defaults());
    }

    static RoomScenario under(RoomRules rules) {
        return new RoomScenario(rules);
    }

    RoomState state() {
        return state;
    }

    PlaybackState playback() {
        return state.playback();
    }

    RoomScenario given(long at, RoomEvent... events) {
        for (RoomEvent event : events) {
            state = state.evolve(envelope(event, at));
        }
        return this;
    }

    /** A room created by {@code admin} at {@link #CREATED_AT}, the admin its only participant. */
    RoomScenario givenCreated(Actor admin, String mediaType, boolean adminOnlyPlayback) {
        boolean tv = PlaybackState.TV.equals(mediaType);
        PlaybackState playback = PlaybackState.start(MEDIA_ID, mediaType, Providers.DEFAULT,
                tv ? 1 : null, tv ? 1 : null, CREATED_AT);
        return given(CREATED_AT,
                new RoomCreated(ROOM_NAME, admin.userId(), adminOnlyPlayback, rules.maxParticipants(), CREATED_AT,
                        playback),
                new ParticipantJoined(admin.userId(), admin.username(), CREATED_AT,
                        List.of(new Participant(admin.userId(), admin.username(), CREATED_AT))));
    }

    RoomScenario givenJoined(Actor user, long at) {
        return given(at, new ParticipantJoined(user.userId(), user.username(), at,
                state.participantsWith(new Participant(user.userId(), user.username(), at))));
    }

    RoomScenario givenLeft(Actor user, long at) {
        return given(at, new RoomEvent.ParticipantLeft(user.userId(), "left", state.participantsWithout(user.userId())));
    }

    RoomScenario givenKicked(Actor user, Actor by, long at) {
        return given(at, new RoomEvent.ParticipantKicked(user.userId(), by.userId(),
                state.participantsWithout(user.userId())));
    }

    RoomScenario givenAdminTransferred(Actor to, Actor from, long at) {
        return given(at, new RoomEvent.AdminTransferred(to.userId(), from.userId(), "transferred", state.participants()));
    }

    RoomScenario givenPlaying(Actor by, long at) {
        return given(at, new RoomEvent.PlaybackStarted(by.userId(), playback().playingAt(at)));
    }

    RoomScenario givenSeeked(Actor by, double position, long at) {
        return given(at, new RoomEvent.PlaybackSeeked(by.userId(), playback().seekedTo(position, at)));
    }

    RoomScenario givenRate(Actor by, double rate, long at) {
        return given(at, new RoomEvent.PlaybackRateChanged(by.userId(), playback().withRate(rate, at)));
    }

    RoomScenario givenClosed(long at) {
        return given(at, new RoomEvent.RoomClosed("inactive"));
    }

    RoomScenario when(Actor actor, RoomCommand command, long at) {
        return when(actor, command, at, null);
    }

    RoomScenario when(Actor actor, RoomCommand command, long at, Long expectedVersion) {
        CommandEnvelope envelope = new CommandEnvelope("command-" + (state.version() + 1), ROOM_ID, actor, at,
                expectedVersion, null, command);
        decision = decider.decide(envelope, state, at);
        decidedAt = at;
        return this;
    }

    /** Asserts exactly these events, in order, and folds them into the state. */
    RoomScenario thenEvents(RoomEvent... expected) {
        assertThat(acceptedEvents()).containsExactly(expected);
        return given(decidedAt, expected);
    }

    RoomScenario thenNothingHappens() {
        assertThat(acceptedEvents()).isEmpty();
        return this;
    }

    /** The accepted events, folded into the state, for assertions that are not about exact equality. */
    List<RoomEvent> thenAccepted() {
        List<RoomEvent> events = acceptedEvents();
        given(decidedAt, events.toArray(RoomEvent[]::new));
        return events;
    }

    Rejection thenRejected(Rejection.Reason reason) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Rejected.class);
        Rejection rejection = ((Decision.Rejected) decision).rejection();
        assertThat(rejection.reason()).as("reason of '%s'", rejection.detail()).isEqualTo(reason);
        assertThat(rejection.detail()).isNotBlank();
        return rejection;
    }

    private List<RoomEvent> acceptedEvents() {
        assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
        return ((Decision.Accepted) decision).events();
    }

    private EventEnvelope envelope(RoomEvent event, long at) {
        long version = state.version() + 1;
        return new EventEnvelope("event-" + version, ROOM_ID, version, at, "command-" + version, "test", event);
    }
}
