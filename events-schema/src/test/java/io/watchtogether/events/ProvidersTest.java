package io.watchtogether.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider catalogue of the integration guide (SEED-GUIDE.md, "Supported Providers"). */
class ProvidersTest {

    @Test
    void the_catalogue_holds_the_guide_s_three_providers_then_direct_media() {
        assertThat(Providers.all()).extracting(Providers.Provider::id).containsExactly("vidnest", "vidsrc", "embed", "direct");
        assertThat(Providers.all()).extracting(Providers.Provider::name)
                .startsWith("VidNest", "VidSrc", "EmbedStream");
        assertThat(Providers.all()).extracting(Providers.Provider::baseUrl)
                .startsWith("https://vidnest.fun", "https://vidsrc.to", "https://embed.stream");
        assertThat(Providers.all()).extracting(Providers.Provider::player)
                .containsExactly("iframe", "iframe", "iframe", "video");
    }

    @Test
    void direct_media_is_played_from_its_own_address() {
        Providers.Provider direct = Providers.find("direct").orElseThrow();
        assertThat(direct.urlFor("/media/sample.webm", PlaybackState.MOVIE, null, null)).isEqualTo("/media/sample.webm");
        assertThat(direct.urlFor("https://cdn.example/s1e2.mp4", PlaybackState.TV, 1, 2))
                .isEqualTo("https://cdn.example/s1e2.mp4");
    }

    @Test
    void each_provider_accepts_only_media_ids_it_can_play() {
        Providers.Provider direct = Providers.find("direct").orElseThrow();
        Providers.Provider vidnest = Providers.find("vidnest").orElseThrow();
        assertThat(direct.accepts("/media/sample.webm")).isTrue();
        assertThat(direct.accepts("https://cdn.example/movie.mp4?token=a%20b")).isTrue();
        assertThat(direct.accepts("666243")).as("a catalogue id is no address").isFalse();
        assertThat(direct.accepts("javascript:alert(1)")).isFalse();
        assertThat(direct.accepts("/media/a file.webm")).isFalse();
        assertThat(direct.accepts("/media/{id}.webm")).isFalse();
        assertThat(vidnest.accepts("666243")).isTrue();
        assertThat(vidnest.accepts("tt0111161")).isTrue();
        assertThat(vidnest.accepts("/media/sample.webm")).isFalse();
        assertThat(vidnest.accepts("../../admin")).isFalse();
    }

    @Test
    void movie_urls_are_the_guide_s_templates() {
        assertThat(movieUrl("vidnest")).isEqualTo("https://vidnest.fun/movie/666243");
        assertThat(movieUrl("vidsrc")).isEqualTo("https://vidsrc.to/embed-666243");
        assertThat(movieUrl("embed")).isEqualTo("https://embed.stream/embed/666243");
    }

    @Test
    void tv_urls_name_the_season_and_episode() {
        assertThat(tvUrl("vidnest", 2, 5)).isEqualTo("https://vidnest.fun/tv/1399/2/5");
        assertThat(tvUrl("vidsrc", 2, 5)).isEqualTo("https://vidsrc.to/embed/tv/1399/2/5");
        assertThat(tvUrl("embed", 2, 5)).isEqualTo("https://embed.stream/embed/tv/1399/2/5");
    }

    @Test
    void a_tv_url_without_season_or_episode_starts_at_the_first() {
        assertThat(tvUrl("vidnest", null, null)).isEqualTo("https://vidnest.fun/tv/1399/1/1");
    }

    @Test
    void the_iframe_is_the_guide_s_markup() {
        assertThat(Providers.find("vidnest").orElseThrow().iframeFor("666243", PlaybackState.MOVIE, null, null))
                .isEqualTo("<iframe src=\"https://vidnest.fun/movie/666243\" frameborder=\"0\" scrolling=\"no\" allowfullscreen></iframe>");
    }

    @Test
    void the_default_provider_is_vidnest() {
        assertThat(Providers.DEFAULT).isEqualTo("vidnest");
        assertThat(Providers.isKnown(Providers.DEFAULT)).isTrue();
    }

    @Test
    void an_unknown_provider_is_not_found() {
        assertThat(Providers.find("netflix")).isEmpty();
        assertThat(Providers.isKnown("netflix")).isFalse();
        assertThat(Providers.isKnown("VidNest")).isFalse();
        assertThat(Providers.find(null)).isEmpty();
    }

    private static String movieUrl(String provider) {
        return Providers.find(provider).orElseThrow().urlFor("666243", PlaybackState.MOVIE, null, null);
    }

    private static String tvUrl(String provider, Integer season, Integer episode) {
        return Providers.find(provider).orElseThrow().urlFor("1399", PlaybackState.TV, season, episode);
    }
}
