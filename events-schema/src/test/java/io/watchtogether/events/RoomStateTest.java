package io.watchtogether.events;

import io.watchtogether.events.RoomEvent.AdminTransferred;
import io.watchtogether.events.RoomEvent.ParticipantKicked;
import io.watchtogether.events.RoomEvent.ParticipantLeft;
import io.watchtogether.events.RoomEvent.PlaybackSeeked;
import io.watchtogether.events.RoomEvent.PlaybackStarted;
import io.watchtogether.events.RoomEvent.RoomClosed;
import io.watchtogether.events.RoomEvent.RoomCreated;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.watchtogether.events.SampleRoom.ALICE;
import static io.watchtogether.events.SampleRoom.BOB;
import static io.watchtogether.events.SampleRoom.CAROL;
import static io.watchtogether.events.SampleRoom.ROOM_ID;
import static io.watchtogether.events.SampleRoom.T0;
import static io.watchtogether.events.SampleRoom.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given events, then state: how {@link RoomState#evolve(EventEnvelope)} reads a room's log. */
class RoomStateTest {

    private static final PlaybackState MOVIE = PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, T0);
    private static final RoomCreated CREATED = new RoomCreated("Movie night", ALICE.userId(), true, 10, T0, MOVIE);

    @Test
    void a_room_without_events_does_not_exist() {
        RoomState state = given();

        assertThat(state.exists()).isFalse();
        assertThat(state.open()).isFalse();
        assertThat(state.version()).isZero();
        assertThat(state.participants()).isEmpty();
    }

    @Test
    void creating_a_room_makes_the_creator_admin_and_first_participant() {
        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)));

        assertThat(state.exists()).isTrue();
        assertThat(state.open()).isTrue();
        assertThat(state.version()).isEqualTo(2);
        assertThat(state.name()).isEqualTo("Movie night");
        assertThat(state.adminId()).isEqualTo(ALICE.userId());
        assertThat(state.isAdmin(ALICE.userId())).isTrue();
        assertThat(state.participants()).containsExactly(ALICE);
        assertThat(state.adminOnlyPlayback()).isTrue();
        assertThat(state.maxParticipants()).isEqualTo(10);
        assertThat(state.playback()).isEqualTo(MOVIE);
        assertThat(state.createdAt()).isEqualTo(T0);
    }

    @Test
    void joins_keep_the_order_of_arrival() {
        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)), joined(BOB, List.of(ALICE, BOB)),
                joined(CAROL, List.of(ALICE, BOB, CAROL)));

        assertThat(state.participants()).containsExactly(ALICE, BOB, CAROL);
        assertThat(state.adminId()).isEqualTo(ALICE.userId());
        assertThat(state.isParticipant(CAROL.userId())).isTrue();
        assertThat(state.participant(BOB.userId())).contains(BOB);
    }

    @Test
    void transferring_admin_hands_control_over_and_keeps_the_members() {
        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)), joined(BOB, List.of(ALICE, BOB)),
                new AdminTransferred(BOB.userId(), ALICE.userId(), "transferred", List.of(ALICE, BOB)));

        assertThat(state.adminId()).isEqualTo(BOB.userId());
        assertThat(state.isAdmin(ALICE.userId())).isFalse();
        assertThat(state.participants()).containsExactly(ALICE, BOB);
    }

    @Test
    void a_leaving_admin_is_succeeded_as_the_events_say() {
        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)), joined(BOB, List.of(ALICE, BOB)),
                joined(CAROL, List.of(ALICE, BOB, CAROL)),
                new ParticipantLeft(ALICE.userId(), "disconnected", List.of(BOB, CAROL)),
                new AdminTransferred(BOB.userId(), ALICE.userId(), "admin_left", List.of(BOB, CAROL)));

        assertThat(state.participants()).containsExactly(BOB, CAROL);
        assertThat(state.adminId()).isEqualTo(BOB.userId());
    }

    @Test
    void kicking_adds_to_kicked_and_removes_from_participants() {
        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)), joined(BOB, List.of(ALICE, BOB)),
                joined(CAROL, List.of(ALICE, BOB, CAROL)),
                new ParticipantKicked(BOB.userId(), ALICE.userId(), List.of(ALICE, CAROL)));

        assertThat(state.participants()).containsExactly(ALICE, CAROL);
        assertThat(state.isParticipant(BOB.userId())).isFalse();
        assertThat(state.kicked()).containsExactly(BOB.userId());
    }

    @Test
    void playback_events_replace_the_playback_state_and_leave_the_members() {
        PlaybackState playing = MOVIE.playingAt(T0 + 5_000);
        PlaybackState seeked = playing.seekedTo(3_600, T0 + 9_000);

        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)),
                new PlaybackStarted(ALICE.userId(), playing), new PlaybackSeeked(ALICE.userId(), seeked));

        assertThat(state.playback()).isEqualTo(seeked);
        assertThat(state.participants()).containsExactly(ALICE);
        assertThat(state.version()).isEqualTo(4);
        assertThat(state.lastActivityAt()).isEqualTo(T0 + 3_000);
    }

    @Test
    void a_closed_room_is_no_longer_open_has_nobody_and_is_paused_where_it_was() {
        PlaybackState playing = MOVIE.seekedTo(100, T0).playingAt(T0);

        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)), new PlaybackStarted(ALICE.userId(), playing),
                new ParticipantLeft(ALICE.userId(), "left", List.of()), new RoomClosed("empty"));

        assertThat(state.closed()).isTrue();
        assertThat(state.open()).isFalse();
        assertThat(state.exists()).isTrue();
        assertThat(state.participants()).isEmpty();
        assertThat(state.playback().isPlaying()).isFalse();
        // Events are 1 s apart from T0, so the room closes at T0 + 4 s: 4 s of play after position 100.
        assertThat(state.playback().currentTime()).isEqualTo(104.0);
        assertThat(state.playback().anchorTime()).isEqualTo(T0 + 4_000);
    }

    @Test
    void evolve_refuses_a_gap() {
        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)));
        EventEnvelope skipsVersionThree = envelope(4, joined(BOB, List.of(ALICE, BOB)));

        assertThatThrownBy(() -> state.evolve(skipsVersionThree))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 2");
    }

    @Test
    void evolve_refuses_a_duplicate_version() {
        RoomState state = given(CREATED, joined(ALICE, List.of(ALICE)));
        EventEnvelope replayed = envelope(2, joined(ALICE, List.of(ALICE)));

        assertThatThrownBy(() -> state.evolve(replayed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fold_equals_step_by_step_evolve() {
        List<EventEnvelope> log = SampleRoom.log();
        RoomState stepByStep = RoomState.initial(ROOM_ID);
        for (EventEnvelope envelope : log) {
            stepByStep = stepByStep.evolve(envelope);
            assertThat(stepByStep.version()).isEqualTo(envelope.version());
            assertThat(stepByStep.lastActivityAt()).isEqualTo(envelope.time());
        }

        RoomState folded = RoomState.fold(ROOM_ID, log);

        assertThat(folded).isEqualTo(stepByStep);
        assertThat(folded.closed()).isTrue();
        assertThat(folded.kicked()).containsExactly(CAROL.userId());
        assertThat(folded.adminId()).isEqualTo(BOB.userId());
        assertThat(folded.playback().mediaId()).isEqualTo("550");
        assertThat(folded.playback().providerId()).isEqualTo("vidsrc");
    }

    /** Folds {@code events} as versions 1, 2, 3, ..., one second apart from {@link SampleRoom#T0}. */
    private static RoomState given(RoomEvent... events) {
        List<EventEnvelope> log = new ArrayList<>();
        for (RoomEvent event : events) {
            log.add(envelope(log.size() + 1, event));
        }
        return RoomState.fold(ROOM_ID, log);
    }

    private static EventEnvelope envelope(long version, RoomEvent event) {
        return new EventEnvelope("evt-" + version, ROOM_ID, version, T0 + (version - 1) * 1_000, "cmd-" + version,
                "command-api", event);
    }
}
