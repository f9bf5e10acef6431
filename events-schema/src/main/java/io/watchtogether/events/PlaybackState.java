package io.watchtogether.events;

/**
 * What every player in a room should show, anchored in server time.
 *
 * <p>{@code currentTime} is the media position in seconds at the server instant {@code anchorTime}
 * (epoch ms). While playing, the position at any server instant {@code t} is
 * {@code currentTime + (t - anchorTime) / 1000 * playbackRate}, so every client computes the same
 * position for the same server instant, whenever the message reached it.
 *
 * @param isPlaying    whether the media is playing
 * @param currentTime  position in seconds at {@code anchorTime}, never negative
 * @param playbackRate playback speed, within {@link #MIN_RATE} and {@link #MAX_RATE}
 * @param anchorTime   server time (epoch ms) at which {@code currentTime} holds
 * @param mediaId      the provider's media id (TMDB id in the guide's catalogue)
 * @param mediaType    {@code movie} or {@code tv}
 * @param providerId   one of {@link Providers}
 * @param season       season number for {@code tv}, null for movies
 * @param episode      episode number for {@code tv}, null for movies
 */
public record PlaybackState(
        boolean isPlaying,
        double currentTime,
        double playbackRate,
        long anchorTime,
        String mediaId,
        String mediaType,
        String providerId,
        Integer season,
        Integer episode) {

    public static final double MIN_RATE = 0.25;
    public static final double MAX_RATE = 4.0;
    public static final String MOVIE = "movie";
    public static final String TV = "tv";

    /** A paused state at position 0, as a new room or newly chosen media starts. */
    public static PlaybackState start(String mediaId, String mediaType, String providerId,
                                      Integer season, Integer episode, long now) {
        return new PlaybackState(false, 0, 1.0, now, mediaId, mediaType, providerId, season, episode);
    }

    /** The position in seconds at server instant {@code serverTimeMs}. */
    public double positionAt(long serverTimeMs) {
        if (!isPlaying) {
            return currentTime;
        }
        return Math.max(0, currentTime + (serverTimeMs - anchorTime) / 1000.0 * playbackRate);
    }

    public PlaybackState playingAt(long now) {
        return new PlaybackState(true, positionAt(now), playbackRate, now, mediaId, mediaType, providerId, season, episode);
    }

    public PlaybackState pausedAt(long now) {
        return new PlaybackState(false, positionAt(now), playbackRate, now, mediaId, mediaType, providerId, season, episode);
    }

    public PlaybackState seekedTo(double position, long now) {
        return new PlaybackState(isPlaying, position, playbackRate, now, mediaId, mediaType, providerId, season, episode);
    }

    public PlaybackState withRate(double rate, long now) {
        return new PlaybackState(isPlaying, positionAt(now), rate, now, mediaId, mediaType, providerId, season, episode);
    }

    /** Another provider for the same media: the position is kept, playback pauses while players reload. */
    public PlaybackState withProvider(String provider, long now) {
        return new PlaybackState(false, positionAt(now), playbackRate, now, mediaId, mediaType, provider, season, episode);
    }

    /** Another episode of the same show starts paused from the beginning. */
    public PlaybackState withEpisode(Integer newSeason, int newEpisode, long now) {
        return new PlaybackState(false, 0, playbackRate, now, mediaId, mediaType, providerId, newSeason, newEpisode);
    }

    /** Other media starts paused from the beginning on the same provider. */
    public PlaybackState withMedia(String newMediaId, String newMediaType, Integer newSeason, Integer newEpisode, long now) {
        return withMedia(newMediaId, newMediaType, providerId, newSeason, newEpisode, now);
    }

    /** Other media, on the given provider, starts paused from the beginning. */
    public PlaybackState withMedia(String newMediaId, String newMediaType, String newProviderId, Integer newSeason,
                                   Integer newEpisode, long now) {
        return new PlaybackState(false, 0, playbackRate, now, newMediaId, newMediaType, newProviderId, newSeason, newEpisode);
    }
}
