package io.watchtogether.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider catalogue of the integration guide (SEED-GUIDE.md, "Supported Providers"). */
class ProvidersTest {

    @Test
    void the_catalogue_holds_the_guide_s_three_providers() {
        assertThat(Providers.all()).extracting(Providers.Provider::id).containsExactly("vidnest", "vidsrc", "embed");
        assertThat(Providers.all()).extracting(Providers.Provider::name).containsExactly("VidNest", "VidSrc", "EmbedStream");
        assertThat(Providers.all()).extracting(Providers.Provider::baseUrl)
                .containsExactly("https://vidnest.fun", "https://vidsrc.to", "https://embed.stream");
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
