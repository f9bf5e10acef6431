package io.watchtogether.command.rooms;

import io.watchtogether.events.Actor;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomCommand.ChangeEpisode;
import io.watchtogether.events.RoomCommand.ChangeMedia;
import io.watchtogether.events.RoomCommand.ChangeProvider;
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
import io.watchtogether.events.RoomEvent.EpisodeChanged;
import io.watchtogether.events.RoomEvent.MediaChanged;
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.ParticipantKicked;
import io.watchtogether.events.RoomEvent.ParticipantLeft;
import io.watchtogether.events.RoomEvent.PlaybackPaused;
import io.watchtogether.events.RoomEvent.PlaybackPositionCorrected;
import io.watchtogether.events.RoomEvent.PlaybackRateChanged;
import io.watchtogether.events.RoomEvent.PlaybackSeeked;
import io.watchtogether.events.RoomEvent.PlaybackStarted;
import io.watchtogether.events.RoomEvent.ProviderChanged;
import io.watchtogether.events.RoomEvent.RoomClosed;
import io.watchtogether.events.RoomEvent.RoomCreated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.watchtogether.command.rooms.RoomScenario.CREATED_AT;
import static io.watchtogether.command.rooms.RoomScenario.MEDIA_ID;
import static io.watchtogether.events.PlaybackState.MOVIE;
import static io.watchtogether.events.PlaybackState.TV;
import static io.watchtogether.events.Rejection.Reason.INVALID_COMMAND;
import static io.watchtogether.events.Rejection.Reason.INVALID_TRANSITION;
import static io.watchtogether.events.Rejection.Reason.NOT_ALLOWED;
import static io.watchtogether.events.Rejection.Reason.ROOM_FULL;
import static io.watchtogether.events.Rejection.Reason.ROOM_NOT_FOUND;
import static io.watchtogether.events.Rejection.Reason.VERSION_CONFLICT;
import static org.assertj.core.api.Assertions.assertThat;

class RoomDeciderTest {

    /** Play, pause, seek and rate changes take effect this long after the decision (the default anchor lead). */
    private static final long LEAD = RoomRules.defaults().anchorLead().toMillis();


    private static final Actor ALICE = new Actor("u-alice", "alice");
    private static final Actor BOB = new Actor("u-bob", "bob");
    private static final Actor CAROL = new Actor("u-carol", "carol");
    private static final Actor DAVE = new Actor("u-dave", "dave");

    @Test
    void the_creator_becomes_admin_and_first_participant() {
        RoomScenario room = RoomScenario.underDefaultRules();

        room.when(ALICE, new CreateRoom("  Movie night ", MEDIA_ID, MOVIE, "vidsrc", null, null, true), at(0))
                .thenEvents(
                        new RoomCreated("Movie night", ALICE.userId(), true, 10, at(0),
                                new PlaybackState(false, 0, 1.0, at(0), MEDIA_ID, MOVIE, "vidsrc", null, null)),
                        new ParticipantJoined(ALICE.userId(), ALICE.username(), at(0), List.of(participant(ALICE, 0))));

        assertThat(room.state().adminId()).isEqualTo(ALICE.userId());
        assertThat(room.state().open()).isTrue();
    }

    @Test
    void a_room_created_without_a_provider_uses_the_default_provider() {
        RoomScenario room = RoomScenario.underDefaultRules();

        room.when(ALICE, new CreateRoom("Movie night", MEDIA_ID, MOVIE, null, null, null, false), at(0)).thenAccepted();

        assertThat(room.playback().providerId()).isEqualTo("vidnest");
    }

    @Test
    void a_tv_room_starts_at_season_one_episode_one_unless_told() {
        RoomScenario room = RoomScenario.underDefaultRules();

        room.when(ALICE, new CreateRoom("Series night", "1399", TV, null, null, 3, false), at(0)).thenAccepted();

        assertThat(room.playback().season()).isEqualTo(1);
        assertThat(room.playback().episode()).isEqualTo(3);
    }

    @Test
    void a_movie_room_has_no_season_or_episode() {
        RoomScenario room = RoomScenario.underDefaultRules();

        room.when(ALICE, new CreateRoom("Movie night", MEDIA_ID, MOVIE, null, 2, 3, false), at(0)).thenAccepted();

        assertThat(room.playback().season()).isNull();
        assertThat(room.playback().episode()).isNull();
    }

    @Test
    void creating_a_room_that_exists_is_a_conflict() {
        movieRoom().when(BOB, createMovieRoom(), at(5)).thenRejected(VERSION_CONFLICT);
    }

    @Test
    void a_closed_room_cannot_be_created_again() {
        movieRoom().givenClosed(at(5)).when(BOB, createMovieRoom(), at(6)).thenRejected(VERSION_CONFLICT);
    }

    @Test
    void a_room_name_must_have_one_to_a_hundred_characters() {
        for (String name : Arrays.asList(null, "", "   ", "x".repeat(101))) {
            RoomScenario.underDefaultRules()
                    .when(ALICE, new CreateRoom(name, MEDIA_ID, MOVIE, null, null, null, false), at(0))
                    .thenRejected(INVALID_COMMAND);
        }
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("x".repeat(100), MEDIA_ID, MOVIE, null, null, null, false), at(0))
                .thenAccepted();
    }

    @Test
    void a_room_needs_a_media_id_and_a_media_type_of_movie_or_tv() {
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Movie night", " ", MOVIE, null, null, null, false), at(0))
                .thenRejected(INVALID_COMMAND);
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Movie night", null, MOVIE, null, null, null, false), at(0))
                .thenRejected(INVALID_COMMAND);
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Movie night", MEDIA_ID, "anime", null, null, null, false), at(0))
                .thenRejected(INVALID_COMMAND);
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Movie night", MEDIA_ID, null, null, null, null, false), at(0))
                .thenRejected(INVALID_COMMAND);
    }

    @Test
    void unknown_provider_is_refused() {
        Rejection rejection = RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Movie night", MEDIA_ID, MOVIE, "netflix", null, null, false), at(0))
                .thenRejected(INVALID_COMMAND);

        assertThat(rejection.reason().status()).isEqualTo(400);
    }

    @Test
    void a_user_joins_an_open_room_at_the_end_of_the_participants() {
        movieRoom().givenJoined(BOB, at(1))
                .when(CAROL, new JoinRoom(), at(5))
                .thenEvents(new ParticipantJoined(CAROL.userId(), CAROL.username(), at(5),
                        List.of(participant(ALICE, 0), participant(BOB, 1), participant(CAROL, 5))));
    }

    @Test
    void tenth_participant_is_accepted() {
        roomWithParticipants(9).when(DAVE, new JoinRoom(), at(60)).thenAccepted();
    }

    @Test
    void eleventh_participant_is_refused() {
        Rejection rejection = roomWithParticipants(10).when(DAVE, new JoinRoom(), at(60)).thenRejected(ROOM_FULL);

        assertThat(rejection.reason().status()).isEqualTo(422);
    }

    @Test
    void max_participants_comes_from_the_room_rules() {
        RoomScenario room = RoomScenario.under(new RoomRules(3, null));
        room.when(ALICE, createMovieRoom(), at(0)).thenAccepted();
        room.givenJoined(BOB, at(1)).givenJoined(CAROL, at(2));

        room.when(DAVE, new JoinRoom(), at(3)).thenRejected(ROOM_FULL);
    }

    @Test
    void a_room_keeps_the_cap_it_was_created_with() {
        PlaybackState playback = PlaybackState.start(MEDIA_ID, MOVIE, "vidnest", null, null, at(0));
        RoomScenario room = RoomScenario.underDefaultRules()
                .given(at(0), new RoomCreated("Small room", ALICE.userId(), false, 2, at(0), playback))
                .givenJoined(ALICE, at(0))
                .givenJoined(BOB, at(1));

        room.when(CAROL, new JoinRoom(), at(2)).thenRejected(ROOM_FULL);
    }

    @Test
    void second_join_is_accepted_without_events() {
        movieRoom().givenJoined(BOB, at(1)).when(BOB, new JoinRoom(), at(5)).thenNothingHappens();
    }

    @Test
    void a_participant_joining_again_is_not_refused_by_a_full_room() {
        roomWithParticipants(10).when(ALICE, new JoinRoom(), at(60)).thenNothingHappens();
    }

    @Test
    void a_kicked_user_cannot_rejoin() {
        Rejection rejection = movieRoomWithBobAndCarol().givenKicked(BOB, ALICE, at(3))
                .when(BOB, new JoinRoom(), at(4))
                .thenRejected(NOT_ALLOWED);

        assertThat(rejection.reason().status()).isEqualTo(403);
    }

    @Test
    void a_guest_leaving_leaves_the_others_as_they_were() {
        RoomScenario room = movieRoomWithBobAndCarol();

        room.when(BOB, new LeaveRoom("left"), at(10))
                .thenEvents(new ParticipantLeft(BOB.userId(), "left", List.of(participant(ALICE, 0), participant(CAROL, 2))));

        assertThat(room.state().adminId()).isEqualTo(ALICE.userId());
    }

    @Test
    void a_leave_without_a_reason_is_recorded_as_left() {
        movieRoomWithBobAndCarol().when(BOB, new LeaveRoom(null), at(10))
                .thenEvents(new ParticipantLeft(BOB.userId(), "left", List.of(participant(ALICE, 0), participant(CAROL, 2))));
        movieRoomWithBobAndCarol().when(BOB, new LeaveRoom("heartbeat_timeout"), at(10))
                .thenEvents(new ParticipantLeft(BOB.userId(), "heartbeat_timeout",
                        List.of(participant(ALICE, 0), participant(CAROL, 2))));
    }

    @Test
    void longest_present_participant_succeeds_a_leaving_admin() {
        RoomScenario room = movieRoomWithBobAndCarol();
        List<Participant> remaining = List.of(participant(BOB, 1), participant(CAROL, 2));

        room.when(ALICE, new LeaveRoom("left"), at(10))
                .thenEvents(
                        new ParticipantLeft(ALICE.userId(), "left", remaining),
                        new AdminTransferred(BOB.userId(), ALICE.userId(), "admin_left", remaining));

        assertThat(room.state().adminId()).isEqualTo(BOB.userId());
    }

    @Test
    void a_creator_who_rejoined_does_not_jump_the_succession_line() {
        RoomScenario room = movieRoomWithBobAndCarol()
                .givenLeft(ALICE, at(3))
                .given(at(3), new AdminTransferred(BOB.userId(), ALICE.userId(), "admin_left",
                        List.of(participant(BOB, 1), participant(CAROL, 2))))
                .givenAdminTransferred(CAROL, BOB, at(4))
                .givenJoined(ALICE, at(5));

        room.when(CAROL, new LeaveRoom("left"), at(10)).thenAccepted();

        assertThat(room.state().adminId()).isEqualTo(BOB.userId());
        assertThat(room.state().participants()).containsExactly(participant(BOB, 1), participant(ALICE, 5));
    }

    @Test
    void last_participant_leaving_closes_the_room() {
        RoomScenario room = movieRoom();

        room.when(ALICE, new LeaveRoom("left"), at(10))
                .thenEvents(new ParticipantLeft(ALICE.userId(), "left", List.of()), new RoomClosed("empty"));

        assertThat(room.state().closed()).isTrue();
    }

    @Test
    void a_non_participant_cannot_leave() {
        movieRoom().when(DAVE, new LeaveRoom("left"), at(10)).thenRejected(NOT_ALLOWED);
    }

    @Test
    void admin_can_kick_a_participant() {
        RoomScenario room = movieRoomWithBobAndCarol();

        room.when(ALICE, new KickUser(BOB.userId()), at(10))
                .thenEvents(new ParticipantKicked(BOB.userId(), ALICE.userId(),
                        List.of(participant(ALICE, 0), participant(CAROL, 2))));

        assertThat(room.state().kicked()).containsExactly(BOB.userId());
    }

    @Test
    void a_guest_cannot_kick() {
        movieRoomWithBobAndCarol().when(BOB, new KickUser(CAROL.userId()), at(10)).thenRejected(NOT_ALLOWED);
    }

    @Test
    void admin_cannot_kick_themselves() {
        Rejection rejection = movieRoomWithBobAndCarol().when(ALICE, new KickUser(ALICE.userId()), at(10))
                .thenRejected(INVALID_TRANSITION);

        assertThat(rejection.reason().status()).isEqualTo(422);
    }

    @Test
    void kicking_a_non_participant_is_refused() {
        movieRoomWithBobAndCarol().when(ALICE, new KickUser(DAVE.userId()), at(10)).thenRejected(INVALID_TRANSITION);
    }

    @Test
    void admin_can_transfer_admin_to_a_participant() {
        RoomScenario room = movieRoomWithBobAndCarol();

        room.when(ALICE, new TransferAdmin(BOB.userId()), at(10))
                .thenEvents(new AdminTransferred(BOB.userId(), ALICE.userId(), "transferred",
                        List.of(participant(ALICE, 0), participant(BOB, 1), participant(CAROL, 2))));

        room.when(ALICE, new KickUser(CAROL.userId()), at(11)).thenRejected(NOT_ALLOWED);
    }

    @Test
    void only_the_admin_transfers_admin() {
        movieRoomWithBobAndCarol().when(BOB, new TransferAdmin(CAROL.userId()), at(10)).thenRejected(NOT_ALLOWED);
    }

    @Test
    void transfer_to_a_non_participant_is_refused() {
        movieRoomWithBobAndCarol().when(ALICE, new TransferAdmin(DAVE.userId()), at(10))
                .thenRejected(INVALID_TRANSITION);
        movieRoomWithBobAndCarol().givenKicked(BOB, ALICE, at(5))
                .when(ALICE, new TransferAdmin(BOB.userId()), at(10))
                .thenRejected(INVALID_TRANSITION);
    }

    @Test
    void transferring_admin_to_oneself_appends_nothing() {
        movieRoomWithBobAndCarol().when(ALICE, new TransferAdmin(ALICE.userId()), at(10)).thenNothingHappens();
    }

    @Test
    void any_participant_may_play_pause_seek_and_set_the_rate() {
        RoomScenario room = movieRoomWithBobAndCarol();

        room.when(BOB, new Play(), at(10))
                .thenEvents(new PlaybackStarted(BOB.userId(), movie(true, 0, 1.0, at(10) + LEAD)));
        room.when(CAROL, new Seek(100), at(20))
                .thenEvents(new PlaybackSeeked(CAROL.userId(), movie(true, 100, 1.0, at(20) + LEAD)));
        room.when(BOB, new SetPlaybackRate(2), at(30))
                .thenEvents(new PlaybackRateChanged(BOB.userId(), movie(true, 110, 2.0, at(30) + LEAD)));
        room.when(CAROL, new Pause(), at(35))
                .thenEvents(new PlaybackPaused(CAROL.userId(), movie(false, 120, 2.0, at(35) + LEAD)));
    }

    @Test
    void play_takes_effect_the_anchor_lead_after_the_decision() {
        RoomScenario room = movieRoom().givenSeeked(ALICE, 42, at(5));

        room.when(ALICE, new Play(), at(60))
                .thenEvents(new PlaybackStarted(ALICE.userId(), movie(true, 42, 1.0, at(60) + LEAD)));

        assertThat(LEAD).isEqualTo(250);
        assertThat(room.playback().positionAt(at(70) + LEAD)).isEqualTo(52.0);
    }

    @Test
    void the_anchor_lead_comes_from_the_room_rules() {
        RoomScenario room = RoomScenario.under(new RoomRules(null, null, null, Duration.ofMillis(80)));
        room.givenCreated(ALICE, MOVIE, false);

        room.when(ALICE, new Play(), at(60))
                .thenEvents(new PlaybackStarted(ALICE.userId(), movie(true, 0, 1.0, at(60) + 80)));
    }

    @Test
    void a_change_within_the_lead_of_the_previous_one_continues_from_its_anchor() {
        RoomScenario room = movieRoom().givenSeeked(ALICE, 42, at(5));
        room.when(ALICE, new Play(), at(60)).thenAccepted();

        // 100 ms later, before the play takes effect: the pause lands 100 ms of playing after it.
        room.when(ALICE, new Pause(), at(60) + 100)
                .thenEvents(new PlaybackPaused(ALICE.userId(), movie(false, 42.1, 1.0, at(60) + 100 + LEAD)));
    }

    @Test
    void anchors_never_go_back_when_the_lead_is_lowered() {
        RoomScenario room = RoomScenario.under(new RoomRules(null, null, null, Duration.ZERO));
        room.givenCreated(ALICE, MOVIE, false).given(at(10), new PlaybackStarted(ALICE.userId(), movie(true, 0, 1.0, at(10) + 1000)));

        room.when(ALICE, new Pause(), at(10) + 100)
                .thenEvents(new PlaybackPaused(ALICE.userId(), movie(false, 0, 1.0, at(10) + 1000)));
    }

    @Test
    void playing_while_playing_or_pausing_while_paused_appends_nothing() {
        movieRoom().givenPlaying(ALICE, at(10)).when(ALICE, new Play(), at(20)).thenNothingHappens();
        movieRoom().when(ALICE, new Pause(), at(20)).thenNothingHappens();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, -60, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 86_400.001})
    void seek_to_negative_or_non_finite_time_is_refused(double time) {
        movieRoom().when(ALICE, new Seek(time), at(20)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void seek_to_the_start_or_to_a_day_in_is_accepted() {
        movieRoom().when(ALICE, new Seek(0), at(20)).thenAccepted();
        movieRoom().when(ALICE, new Seek(86_400), at(20)).thenAccepted();
    }

    @Test
    void rate_change_keeps_position_continuous() {
        RoomScenario room = movieRoom().givenSeeked(ALICE, 10, at(5)).givenPlaying(ALICE, at(10));
        double atTheAnchor = room.playback().positionAt(at(14) + LEAD);

        room.when(ALICE, new SetPlaybackRate(2.5), at(14))
                .thenEvents(new PlaybackRateChanged(ALICE.userId(), movie(true, 14.25, 2.5, at(14) + LEAD)));

        assertThat(room.playback().positionAt(at(14) + LEAD)).isEqualTo(atTheAnchor).isEqualTo(14.25);
        assertThat(room.playback().positionAt(at(16) + LEAD)).isEqualTo(19.25);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.24, 4.01, 0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rate_outside_quarter_to_four_is_refused(double rate) {
        movieRoom().when(ALICE, new SetPlaybackRate(rate), at(20)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void rates_of_a_quarter_and_of_four_are_accepted() {
        movieRoom().when(ALICE, new SetPlaybackRate(0.25), at(20))
                .thenEvents(new PlaybackRateChanged(ALICE.userId(), movie(false, 0, 0.25, at(20) + LEAD)));
        movieRoom().when(ALICE, new SetPlaybackRate(4), at(20))
                .thenEvents(new PlaybackRateChanged(ALICE.userId(), movie(false, 0, 4.0, at(20) + LEAD)));
    }

    @Test
    void admin_only_playback_refuses_a_guest_play() {
        adminOnlyMovieRoomWithBob().when(BOB, new Play(), at(10)).thenRejected(NOT_ALLOWED);
    }

    @Test
    void admin_only_playback_refuses_a_guest_pause_seek_or_rate() {
        for (RoomCommand command : List.of(new Pause(), new Seek(30), new SetPlaybackRate(1.5))) {
            adminOnlyMovieRoomWithBob().givenPlaying(ALICE, at(5))
                    .when(BOB, command, at(10))
                    .thenRejected(NOT_ALLOWED);
        }
    }

    @Test
    void admin_only_playback_lets_the_admin_play() {
        adminOnlyMovieRoomWithBob().when(ALICE, new Play(), at(10))
                .thenEvents(new PlaybackStarted(ALICE.userId(), movie(true, 0, 1.0, at(10) + LEAD)));
    }

    @Test
    void non_participants_cannot_control_playback() {
        for (RoomCommand command : List.of(new Play(), new Pause(), new Seek(30), new SetPlaybackRate(1.5))) {
            movieRoom().givenPlaying(ALICE, at(5)).when(DAVE, command, at(10)).thenRejected(NOT_ALLOWED);
        }
    }

    @Test
    void position_report_within_tolerance_appends_nothing() {
        for (double reported : new double[] {10.0, 10.9, 9.1, 11.0, 9.0}) {
            movieRoom().givenPlaying(ALICE, at(10))
                    .when(ALICE, new ReportPosition(reported), at(20))
                    .thenNothingHappens();
        }
    }

    @Test
    void a_position_report_before_a_pending_change_takes_effect_is_ignored() {
        RoomScenario room = movieRoom().givenPlaying(ALICE, at(10));
        room.when(ALICE, new Seek(300), at(20)).thenAccepted();

        // Sent before the seek reached the admin's player: the old timeline's position, 290 s off the new one.
        room.when(ALICE, new ReportPosition(10.1), at(20) + 100).thenNothingHappens();
    }

    @Test
    void a_position_report_based_on_an_older_version_is_ignored() {
        RoomScenario room = movieRoom().givenPlaying(ALICE, at(10));
        long beforeTheSeek = room.state().version();
        room.when(ALICE, new Seek(300), at(20)).thenAccepted();

        room.when(ALICE, new ReportPosition(11, beforeTheSeek), at(21)).thenNothingHappens();
        room.when(ALICE, new ReportPosition(11, room.state().version()), at(21)).thenAccepted();
        assertThat(room.playback().currentTime()).as("a current report still corrects").isEqualTo(11.0);
    }

    @Test
    void position_report_beyond_tolerance_corrects_the_position() {
        movieRoom().givenPlaying(ALICE, at(10))
                .when(ALICE, new ReportPosition(11.5), at(20))
                .thenEvents(new PlaybackPositionCorrected(ALICE.userId(), 10.0, movie(true, 11.5, 1.0, at(20))));
        movieRoom().givenPlaying(ALICE, at(10))
                .when(ALICE, new ReportPosition(8.5), at(20))
                .thenEvents(new PlaybackPositionCorrected(ALICE.userId(), 10.0, movie(true, 8.5, 1.0, at(20))));
    }

    @Test
    void position_report_is_held_against_the_playback_rate() {
        movieRoom().givenPlaying(ALICE, at(10)).givenRate(ALICE, 2, at(10))
                .when(ALICE, new ReportPosition(20.5), at(20))
                .thenNothingHappens();
        movieRoom().givenPlaying(ALICE, at(10)).givenRate(ALICE, 2, at(10))
                .when(ALICE, new ReportPosition(10), at(20))
                .thenEvents(new PlaybackPositionCorrected(ALICE.userId(), 20.0, movie(true, 10, 2.0, at(20))));
    }

    @Test
    void position_report_on_a_paused_room_is_held_against_the_paused_position() {
        movieRoom().givenSeeked(ALICE, 30, at(5))
                .when(ALICE, new ReportPosition(30.5), at(60))
                .thenNothingHappens();
        movieRoom().givenSeeked(ALICE, 30, at(5))
                .when(ALICE, new ReportPosition(40), at(60))
                .thenEvents(new PlaybackPositionCorrected(ALICE.userId(), 30.0, movie(false, 40, 1.0, at(60))));
    }

    @Test
    void position_tolerance_comes_from_the_room_rules() {
        RoomScenario room = RoomScenario.under(new RoomRules(null, Duration.ofMillis(200)))
                .givenCreated(ALICE, MOVIE, false)
                .givenPlaying(ALICE, at(10));

        room.when(ALICE, new ReportPosition(10.5), at(20))
                .thenEvents(new PlaybackPositionCorrected(ALICE.userId(), 10.0, movie(true, 10.5, 1.0, at(20))));
    }

    @Test
    void guest_position_reports_are_refused() {
        movieRoomWithBobAndCarol().givenPlaying(ALICE, at(10))
                .when(BOB, new ReportPosition(30), at(20))
                .thenRejected(NOT_ALLOWED);
        movieRoomWithBobAndCarol().givenPlaying(ALICE, at(10))
                .when(DAVE, new ReportPosition(30), at(20))
                .thenRejected(NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY, 86_401})
    void position_report_of_a_negative_or_non_finite_time_is_refused(double time) {
        movieRoom().givenPlaying(ALICE, at(10)).when(ALICE, new ReportPosition(time), at(20))
                .thenRejected(INVALID_COMMAND);
    }

    @Test
    void admin_changes_the_episode_which_starts_paused_from_the_beginning() {
        tvRoom().givenPlaying(ALICE, at(10)).givenRate(ALICE, 1.5, at(12))
                .when(ALICE, new ChangeEpisode(2, 5), at(30))
                .thenEvents(new EpisodeChanged(ALICE.userId(), tv(false, 0, 1.5, at(30), 2, 5)));
    }

    @Test
    void episode_change_without_a_season_keeps_the_season() {
        RoomScenario room = tvRoom();
        room.given(at(5), new EpisodeChanged(ALICE.userId(), room.playback().withEpisode(3, 1, at(5))));

        room.when(ALICE, new ChangeEpisode(null, 4), at(30))
                .thenEvents(new EpisodeChanged(ALICE.userId(), tv(false, 0, 1.0, at(30), 3, 4)));
    }

    @Test
    void episode_change_is_refused_for_a_movie() {
        movieRoom().when(ALICE, new ChangeEpisode(1, 2), at(30)).thenRejected(INVALID_TRANSITION);
    }

    @Test
    void only_the_admin_changes_the_episode() {
        tvRoom().givenJoined(BOB, at(1)).when(BOB, new ChangeEpisode(1, 2), at(30)).thenRejected(NOT_ALLOWED);
    }

    @Test
    void non_positive_season_or_episode_is_refused_for_new_rooms_and_media() {
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Show", "1399", "tv", null, 0, 1, false), at(0))
                .thenRejected(INVALID_COMMAND);
        tvRoom().when(ALICE, new ChangeMedia("1400", "tv", 1, -2), at(30)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void missing_target_users_are_refused_not_crashed_on() {
        movieRoom().when(ALICE, new TransferAdmin(null), at(30)).thenRejected(INVALID_COMMAND);
        movieRoom().when(ALICE, new KickUser(" "), at(30)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void season_and_episode_must_be_positive() {
        tvRoom().when(ALICE, new ChangeEpisode(null, 0), at(30)).thenRejected(INVALID_COMMAND);
        tvRoom().when(ALICE, new ChangeEpisode(0, 1), at(30)).thenRejected(INVALID_COMMAND);
        tvRoom().when(ALICE, new ChangeEpisode(-1, 2), at(30)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void only_the_admin_changes_the_provider() {
        movieRoomWithBobAndCarol().when(BOB, new ChangeProvider("vidsrc"), at(30)).thenRejected(NOT_ALLOWED);
    }

    @Test
    void provider_change_keeps_the_position_and_pauses_while_players_reload() {
        movieRoom().givenPlaying(ALICE, at(10))
                .when(ALICE, new ChangeProvider("embed"), at(40))
                .thenEvents(new ProviderChanged(ALICE.userId(),
                        new PlaybackState(false, 30, 1.0, at(40), MEDIA_ID, MOVIE, "embed", null, null)));
    }

    @Test
    void changing_to_an_unknown_provider_is_refused() {
        movieRoom().when(ALICE, new ChangeProvider("netflix"), at(40)).thenRejected(INVALID_COMMAND);
        movieRoom().when(ALICE, new ChangeProvider(null), at(40)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void a_direct_media_room_plays_the_address_it_was_given() {
        RoomScenario room = RoomScenario.underDefaultRules();

        room.when(ALICE, new CreateRoom("Sample", "/media/sample.webm", MOVIE, "direct", null, null, false), at(0))
                .thenAccepted();

        assertThat(room.playback().providerId()).isEqualTo("direct");
        assertThat(room.playback().mediaId()).isEqualTo("/media/sample.webm");
    }

    @Test
    void each_provider_refuses_media_ids_it_cannot_play() {
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Sample", "550", MOVIE, "direct", null, null, false), at(0))
                .thenRejected(INVALID_COMMAND);
        RoomScenario.underDefaultRules()
                .when(ALICE, new CreateRoom("Sample", "https://cdn.example/a.mp4", MOVIE, "vidnest", null, null, false), at(0))
                .thenRejected(INVALID_COMMAND);
        movieRoom().when(ALICE, new ChangeMedia("/media/sample.webm", MOVIE, null, null), at(30)).thenRejected(INVALID_COMMAND);
        movieRoom().when(ALICE, new ChangeProvider("direct"), at(30)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void media_and_provider_change_together() {
        RoomScenario room = movieRoom();

        room.when(ALICE, new ChangeMedia("/media/sample.webm", MOVIE, null, null, "direct"), at(30)).thenAccepted();

        assertThat(room.playback().providerId()).isEqualTo("direct");
        assertThat(room.playback().mediaId()).isEqualTo("/media/sample.webm");
        room.when(ALICE, new ChangeMedia("550", MOVIE, null, null, "vidsrc"), at(40)).thenAccepted();
        assertThat(room.playback().providerId()).isEqualTo("vidsrc");
        room.when(ALICE, new ChangeMedia("550", MOVIE, null, null, "netflix"), at(50)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void a_direct_media_room_changes_to_another_file() {
        RoomScenario room = RoomScenario.underDefaultRules();
        room.when(ALICE, new CreateRoom("Sample", "/media/sample.webm", MOVIE, "direct", null, null, false), at(0))
                .thenAccepted();

        room.when(ALICE, new ChangeMedia("https://cdn.example/other.mp4", MOVIE, null, null), at(30)).thenAccepted();

        assertThat(room.playback().mediaId()).isEqualTo("https://cdn.example/other.mp4");
    }

    @Test
    void admin_changes_the_media_which_starts_paused_from_the_beginning() {
        movieRoom().givenPlaying(ALICE, at(10))
                .when(ALICE, new ChangeMedia("1399", TV, null, null), at(40))
                .thenEvents(new MediaChanged(ALICE.userId(),
                        new PlaybackState(false, 0, 1.0, at(40), "1399", TV, "vidnest", 1, 1)));
    }

    @Test
    void media_change_without_a_type_keeps_the_type() {
        tvRoom().when(ALICE, new ChangeMedia("1400", null, 2, 3), at(40))
                .thenEvents(new MediaChanged(ALICE.userId(),
                        new PlaybackState(false, 0, 1.0, at(40), "1400", TV, "vidnest", 2, 3)));
    }

    @Test
    void changing_to_a_movie_drops_season_and_episode() {
        tvRoom().when(ALICE, new ChangeMedia("551", MOVIE, 2, 3), at(40))
                .thenEvents(new MediaChanged(ALICE.userId(),
                        new PlaybackState(false, 0, 1.0, at(40), "551", MOVIE, "vidnest", null, null)));
    }

    @Test
    void only_the_admin_changes_the_media() {
        movieRoomWithBobAndCarol().when(BOB, new ChangeMedia("551", MOVIE, null, null), at(40))
                .thenRejected(NOT_ALLOWED);
    }

    @Test
    void media_change_needs_a_media_id_and_a_known_type() {
        movieRoom().when(ALICE, new ChangeMedia(null, MOVIE, null, null), at(40)).thenRejected(INVALID_COMMAND);
        movieRoom().when(ALICE, new ChangeMedia(" ", MOVIE, null, null), at(40)).thenRejected(INVALID_COMMAND);
        movieRoom().when(ALICE, new ChangeMedia("551", "anime", null, null), at(40)).thenRejected(INVALID_COMMAND);
    }

    @Test
    void commands_to_a_missing_room_are_refused_as_not_found() {
        for (RoomCommand command : everyCommandButCreate()) {
            Rejection rejection = RoomScenario.underDefaultRules().when(ALICE, command, at(0)).thenRejected(ROOM_NOT_FOUND);
            assertThat(rejection.reason().status()).isEqualTo(404);
        }
    }

    @Test
    void commands_to_a_closed_room_are_refused() {
        for (RoomCommand command : everyCommandButCreate()) {
            movieRoomWithBobAndCarol().givenClosed(at(10)).when(ALICE, command, at(20)).thenRejected(ROOM_NOT_FOUND);
        }
        movieRoom().givenClosed(at(10)).when(DAVE, new JoinRoom(), at(20)).thenRejected(ROOM_NOT_FOUND);
    }

    @Test
    void expected_version_mismatch_is_a_conflict() {
        RoomScenario room = movieRoom();
        assertThat(room.state().version()).isEqualTo(2);

        Rejection rejection = room.when(BOB, new JoinRoom(), at(5), 1L).thenRejected(VERSION_CONFLICT);
        room.when(BOB, new JoinRoom(), at(5), 3L).thenRejected(VERSION_CONFLICT);

        assertThat(rejection.reason().status()).isEqualTo(409);
    }

    @Test
    void matching_expected_version_is_accepted() {
        movieRoom().when(BOB, new JoinRoom(), at(5), 2L)
                .thenEvents(new ParticipantJoined(BOB.userId(), BOB.username(), at(5),
                        List.of(participant(ALICE, 0), participant(BOB, 5))));
    }

    @Test
    void the_system_closes_an_open_room_with_its_reason() {
        RoomScenario room = movieRoomWithBobAndCarol();

        room.when(Actor.system(), new RoomCommand.CloseRoom("inactive"), at(30))
                .thenEvents(new RoomClosed("inactive"));

        assertThat(room.state().closed()).isTrue();
        assertThat(room.state().participants()).isEmpty();
    }

    @Test
    void only_the_system_closes_a_room() {
        movieRoomWithBobAndCarol().when(ALICE, new RoomCommand.CloseRoom("inactive"), at(30)).thenRejected(NOT_ALLOWED);
        movieRoomWithBobAndCarol().when(BOB, new RoomCommand.CloseRoom("inactive"), at(30)).thenRejected(NOT_ALLOWED);
        movieRoom().when(new Actor("u-stranger", Actor.SYSTEM_ID), new RoomCommand.CloseRoom("inactive"), at(30))
                .thenRejected(NOT_ALLOWED);
    }

    @Test
    void closing_a_closed_or_missing_room_is_refused() {
        movieRoom().givenClosed(at(10)).when(Actor.system(), new RoomCommand.CloseRoom("inactive"), at(20))
                .thenRejected(ROOM_NOT_FOUND);
        RoomScenario.underDefaultRules().when(Actor.system(), new RoomCommand.CloseRoom("inactive"), at(20))
                .thenRejected(ROOM_NOT_FOUND);
    }

    private static RoomScenario movieRoom() {
        return RoomScenario.underDefaultRules().givenCreated(ALICE, MOVIE, false);
    }

    private static RoomScenario tvRoom() {
        return RoomScenario.underDefaultRules().givenCreated(ALICE, TV, false);
    }

    private static RoomScenario movieRoomWithBobAndCarol() {
        return movieRoom().givenJoined(BOB, at(1)).givenJoined(CAROL, at(2));
    }

    private static RoomScenario adminOnlyMovieRoomWithBob() {
        return RoomScenario.underDefaultRules().givenCreated(ALICE, MOVIE, true).givenJoined(BOB, at(1));
    }

    /** Alice and {@code count - 1} guests. */
    private static RoomScenario roomWithParticipants(int count) {
        RoomScenario room = movieRoom();
        for (int i = 2; i <= count; i++) {
            room.givenJoined(new Actor("u-guest-" + i, "guest " + i), at(i));
        }
        assertThat(room.state().participants()).hasSize(count);
        return room;
    }

    private static List<RoomCommand> everyCommandButCreate() {
        return List.of(new JoinRoom(), new LeaveRoom("left"), new Play(), new Pause(), new Seek(10),
                new SetPlaybackRate(1.5), new ReportPosition(10), new ChangeEpisode(1, 2), new ChangeProvider("vidsrc"),
                new ChangeMedia("551", MOVIE, null, null), new TransferAdmin(BOB.userId()), new KickUser(BOB.userId()));
    }

    private static CreateRoom createMovieRoom() {
        return new CreateRoom("Movie night", MEDIA_ID, MOVIE, null, null, null, false);
    }

    private static long at(int seconds) {
        return CREATED_AT + seconds * 1000L;
    }

    private static Participant participant(Actor actor, int joinedAtSecond) {
        return new Participant(actor.userId(), actor.username(), at(joinedAtSecond));
    }

    private static PlaybackState movie(boolean playing, double position, double rate, long anchor) {
        return new PlaybackState(playing, position, rate, anchor, MEDIA_ID, MOVIE, "vidnest", null, null);
    }

    private static PlaybackState tv(boolean playing, double position, double rate, long anchor, int season, int episode) {
        return new PlaybackState(playing, position, rate, anchor, MEDIA_ID, TV, "vidnest", season, episode);
    }
}
