package io.watchtogether.events;

import java.util.List;
import java.util.Optional;

/**
 * The provider catalogue of the integration guide: where each provider embeds a movie or an episode.
 */
public final class Providers {

    public static final String DEFAULT = "vidnest";

    /**
     * One streaming provider.
     *
     * @param id            the id clients send ({@code vidnest}, {@code vidsrc}, {@code embed})
     * @param name          display name
     * @param baseUrl       the provider's site
     * @param movieTemplate embed URL for a movie; {@code {id}} is the media id
     * @param tvTemplate    embed URL for an episode; {@code {id}}, {@code {season}}, {@code {episode}}
     */
    public record Provider(String id, String name, String baseUrl, String movieTemplate, String tvTemplate) {

        /** The embed URL for the given media. */
        public String urlFor(String mediaId, String mediaType, Integer season, Integer episode) {
            String template = PlaybackState.TV.equals(mediaType) ? tvTemplate : movieTemplate;
            return template.replace("{id}", mediaId)
                    .replace("{season}", String.valueOf(season == null ? 1 : season))
                    .replace("{episode}", String.valueOf(episode == null ? 1 : episode));
        }

        /** The iframe markup the guide gives for this provider. */
        public String iframeFor(String mediaId, String mediaType, Integer season, Integer episode) {
            return "<iframe src=\"" + urlFor(mediaId, mediaType, season, episode)
                    + "\" frameborder=\"0\" scrolling=\"no\" allowfullscreen></iframe>";
        }
    }

    private static final List<Provider> ALL = List.of(
            new Provider("vidnest", "VidNest", "https://vidnest.fun",
                    "https://vidnest.fun/movie/{id}", "https://vidnest.fun/tv/{id}/{season}/{episode}"),
            new Provider("vidsrc", "VidSrc", "https://vidsrc.to",
                    "https://vidsrc.to/embed-{id}", "https://vidsrc.to/embed/tv/{id}/{season}/{episode}"),
            new Provider("embed", "EmbedStream", "https://embed.stream",
                    "https://embed.stream/embed/{id}", "https://embed.stream/embed/tv/{id}/{season}/{episode}"));

    private Providers() {
    }

    public static List<Provider> all() {
        return ALL;
    }

    public static Optional<Provider> find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public static boolean isKnown(String id) {
        return find(id).isPresent();
    }
}
