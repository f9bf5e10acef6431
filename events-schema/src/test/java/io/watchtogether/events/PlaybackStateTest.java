package io.watchtogether.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Playback anchored in server time: every client computes the same position for the same server instant. */
class PlaybackStateTest {

    private static final long T = 1_767_988_800_000L;

    private static PlaybackState playing(double position, double rate) {
        return new PlaybackState(true, position, rate, T, "1399", PlaybackState.TV, "vidnest", 1, 1);
    }

    @Test
    void playing_at_one_and_a_half_for_two_seconds_from_ten_reaches_thirteen() {
        assertThat(playing(10, 1.5).positionAt(T + 2_000)).isEqualTo(13.0);
    }

    @Test
    void a_paused_state_stays_where_it_was() {
        PlaybackState paused = playing(10, 1.5).pausedAt(T);

        assertThat(paused.positionAt(T + 60_000)).isEqualTo(10.0);
        assertThat(paused.positionAt(T - 60_000)).isEqualTo(10.0);
    }

    @Test
    void the_position_is_never_negative() {
        assertThat(playing(1, 1.0).positionAt(T - 5_000)).isZero();
    }

    @Test
    void a_new_room_starts_paused_at_the_beginning_at_normal_speed() {
        PlaybackState start = PlaybackState.start("666243", PlaybackState.MOVIE, "vidnest", null, null, T);

        assertThat(start.isPlaying()).isFalse();
        assertThat(start.currentTime()).isZero();
        assertThat(start.playbackRate()).isEqualTo(1.0);
        assertThat(start.anchorTime()).isEqualTo(T);
    }

    @Test
    void pausing_re_anchors_at_the_position_reached() {
        PlaybackState paused = playing(10, 2.0).pausedAt(T + 5_000);

        assertThat(paused.isPlaying()).isFalse();
        assertThat(paused.currentTime()).isEqualTo(20.0);
        assertThat(paused.anchorTime()).isEqualTo(T + 5_000);
    }

    @Test
    void playing_resumes_from_where_it_was_paused() {
        PlaybackState resumed = playing(10, 1.0).pausedAt(T).playingAt(T + 30_000);

        assertThat(resumed.isPlaying()).isTrue();
        assertThat(resumed.currentTime()).isEqualTo(10.0);
        assertThat(resumed.anchorTime()).isEqualTo(T + 30_000);
        assertThat(resumed.positionAt(T + 31_000)).isEqualTo(11.0);
    }

    @Test
    void seeking_re_anchors_at_the_new_position_and_keeps_playing() {
        PlaybackState seeked = playing(10, 1.5).seekedTo(100, T + 7_000);

        assertThat(seeked.isPlaying()).isTrue();
        assertThat(seeked.currentTime()).isEqualTo(100.0);
        assertThat(seeked.anchorTime()).isEqualTo(T + 7_000);
        assertThat(seeked.positionAt(T + 9_000)).isEqualTo(103.0);
    }

    @Test
    void changing_the_rate_re_anchors_at_the_position_reached() {
        PlaybackState faster = playing(10, 1.0).withRate(2.0, T + 4_000);

        assertThat(faster.currentTime()).isEqualTo(14.0);
        assertThat(faster.anchorTime()).isEqualTo(T + 4_000);
        assertThat(faster.playbackRate()).isEqualTo(2.0);
        assertThat(faster.positionAt(T + 5_000)).isEqualTo(16.0);
    }

    @Test
    void another_provider_keeps_the_position_and_pauses() {
        PlaybackState switched = playing(10, 1.0).withProvider("embed", T + 3_000);

        assertThat(switched.providerId()).isEqualTo("embed");
        assertThat(switched.isPlaying()).isFalse();
        assertThat(switched.currentTime()).isEqualTo(13.0);
        assertThat(switched.mediaId()).isEqualTo("1399");
    }

    @Test
    void another_episode_starts_paused_from_the_beginning_at_the_same_speed() {
        PlaybackState next = playing(1_200, 1.25).withEpisode(2, 3, T + 1_000);

        assertThat(next.season()).isEqualTo(2);
        assertThat(next.episode()).isEqualTo(3);
        assertThat(next.isPlaying()).isFalse();
        assertThat(next.currentTime()).isZero();
        assertThat(next.playbackRate()).isEqualTo(1.25);
        assertThat(next.mediaId()).isEqualTo("1399");
    }

    @Test
    void other_media_starts_paused_from_the_beginning_on_the_same_provider() {
        PlaybackState movie = playing(1_200, 1.0).withMedia("550", PlaybackState.MOVIE, null, null, T + 1_000);

        assertThat(movie.mediaId()).isEqualTo("550");
        assertThat(movie.mediaType()).isEqualTo(PlaybackState.MOVIE);
        assertThat(movie.season()).isNull();
        assertThat(movie.episode()).isNull();
        assertThat(movie.isPlaying()).isFalse();
        assertThat(movie.currentTime()).isZero();
        assertThat(movie.providerId()).isEqualTo("vidnest");
    }
}
