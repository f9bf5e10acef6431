package io.watchtogether.events;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The provider catalogue of the integration guide: where each provider embeds a movie or an episode.
 */
public final class Providers {

    public static final String DEFAULT = "vidnest";
    /** The extension provider whose media id is the address of a media file, played in an HTML5 video element. */
    public static final String DIRECT = "direct";
    /** How a client plays a provider's media: in the provider's cross-origin iframe, or in its own video element. */
    public static final String IFRAME_PLAYER = "iframe";
    public static final String VIDEO_PLAYER = "video";

    private static final Pattern CATALOGUE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** An absolute http(s) address, or a path on the page's own origin; no spaces, quotes, angle brackets or braces. */
    private static final Pattern MEDIA_ADDRESS = Pattern.compile("(https?://[^\\s\"'<>{}]+|/[^\\s\"'<>{}]*)");

    /**
     * One streaming provider.
     *
     * @param id            the id clients send ({@code vidnest}, {@code vidsrc}, {@code embed})
     * @param name          display name
     * @param baseUrl       the provider's site
     * @param movieTemplate embed URL for a movie; {@code {id}} is the media id
     * @param tvTemplate    embed URL for an episode; {@code {id}}, {@code {season}}, {@code {episode}}
     * @param player        {@link #IFRAME_PLAYER} for the guide's providers, {@link #VIDEO_PLAYER} for {@link #DIRECT}
     */
    public record Provider(String id, String name, String baseUrl, String movieTemplate, String tvTemplate,
                           String player) {

        /**
         * Whether a media id means something to this provider: a catalogue id (TMDB's) for the guide's providers,
         * the media file's address for {@link #DIRECT}.
         */
        public boolean accepts(String mediaId) {
            Pattern valid = VIDEO_PLAYER.equals(player) ? MEDIA_ADDRESS : CATALOGUE_ID;
            return mediaId != null && valid.matcher(mediaId).matches();
        }

        /** What {@link #accepts} asks of a media id, for error messages. */
        public String mediaIdRule() {
            return VIDEO_PLAYER.equals(player)
                    ? "the media file's address (http(s) URL or a path starting with /)"
                    : "a catalogue id of letters, digits or . _ : -";
        }

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
                    "https://vidnest.fun/movie/{id}", "https://vidnest.fun/tv/{id}/{season}/{episode}", IFRAME_PLAYER),
            new Provider("vidsrc", "VidSrc", "https://vidsrc.to",
                    "https://vidsrc.to/embed-{id}", "https://vidsrc.to/embed/tv/{id}/{season}/{episode}", IFRAME_PLAYER),
            new Provider("embed", "EmbedStream", "https://embed.stream",
                    "https://embed.stream/embed/{id}", "https://embed.stream/embed/tv/{id}/{season}/{episode}", IFRAME_PLAYER),
            // An extension of the guide: media the players load themselves (a file on a server of the users'), which
            // can be synced to the frame, where the iframes of the others cannot be controlled across origins.
            new Provider(DIRECT, "Direct media file", "", "{id}", "{id}", VIDEO_PLAYER));

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
