package io.watchtogether.events;

/**
 * Everything a client can ask of a room. Commands are requests: the room processor's {@code decide}
 * accepts them (yielding {@link RoomEvent}s) or rejects them (yielding a {@link Rejection}).
 *
 * <p>The playback actions of the integration guide ({@code play}, {@code pause}, {@code seek},
 * {@code setPlaybackRate}, {@code updateTime}, {@code changeEpisode}, {@code changeProvider},
 * {@code changeMedia}) are commands of their own here, so that {@code decide} is one exhaustive switch.
 */
public sealed interface RoomCommand {

    <R> R accept(Visitor<R> visitor);

    /** One method per command type, so a new command makes the compiler point at every handler. */
    interface Visitor<R> {
        R createRoom(CreateRoom c);

        R joinRoom(JoinRoom c);

        R leaveRoom(LeaveRoom c);

        R play(Play c);

        R pause(Pause c);

        R seek(Seek c);

        R setPlaybackRate(SetPlaybackRate c);

        R reportPosition(ReportPosition c);

        R changeEpisode(ChangeEpisode c);

        R changeProvider(ChangeProvider c);

        R changeMedia(ChangeMedia c);

        R transferAdmin(TransferAdmin c);

        R kickUser(KickUser c);

        R closeRoom(CloseRoom c);
    }

    /** Creates a room; the issuer becomes its admin and first participant. */
    record CreateRoom(String name, String mediaId, String mediaType, String providerId,
                      Integer season, Integer episode, boolean adminOnlyPlayback) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createRoom(this);
        }
    }

    record JoinRoom() implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.joinRoom(this);
        }
    }

    /** @param reason why the participant left: {@code left}, {@code disconnected}, {@code heartbeat_timeout} */
    record LeaveRoom(String reason) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.leaveRoom(this);
        }
    }

    record Play() implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.play(this);
        }
    }

    record Pause() implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.pause(this);
        }
    }

    /** @param currentTime the new position in seconds */
    record Seek(double currentTime) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.seek(this);
        }
    }

    record SetPlaybackRate(double rate) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setPlaybackRate(this);
        }
    }

    /**
     * The guide's {@code updateTime}: the admin's player reporting where it is. Only a report that departs
     * from the expected position by more than the tolerance becomes an event.
     */
    /**
     * The admin's player reporting where it is.
     *
     * @param basedOnVersion the room version the player had when it read its position (extension), or null: a
     *                       report based on an older version than the room's is stale (it may predate a seek)
     */
    record ReportPosition(double currentTime, Long basedOnVersion) implements RoomCommand {

        /** A report without the version it is based on, as the guide's client sends it. */
        public ReportPosition(double currentTime) {
            this(currentTime, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reportPosition(this);
        }
    }

    /** @param season null keeps the current season */
    record ChangeEpisode(Integer season, int episode) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.changeEpisode(this);
        }
    }

    record ChangeProvider(String providerId) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.changeProvider(this);
        }
    }

    /**
     * @param mediaType  null keeps the current media type
     * @param providerId null keeps the current provider; set, the media and the provider change together (from a
     *                   catalogue id on an iframe provider to a media file on {@code direct}, say)
     */
    record ChangeMedia(String mediaId, String mediaType, Integer season, Integer episode, String providerId)
            implements RoomCommand {

        /** Other media on the same provider, as the guide's {@code changeMedia}. */
        public ChangeMedia(String mediaId, String mediaType, Integer season, Integer episode) {
            this(mediaId, mediaType, season, episode, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.changeMedia(this);
        }
    }

    record TransferAdmin(String newAdminId) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.transferAdmin(this);
        }
    }

    record KickUser(String userIdToKick) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.kickUser(this);
        }
    }

    /**
     * Closes an open room. Only the system issues it (the room processor, for a room idle longer than the
     * inactivity timeout); it yields {@link RoomEvent.RoomClosed} with this reason.
     *
     * @param reason why the room is closed, e.g. {@code inactive}
     */
    record CloseRoom(String reason) implements RoomCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.closeRoom(this);
        }
    }
}
