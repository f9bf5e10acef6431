package io.watchtogether.events;

import java.util.List;

/**
 * Everything that has happened to a room: the log of record on topic {@code room.events}.
 *
 * <p>Events are facts in the past tense and are never rewritten. Membership events carry the participant
 * list after the change and playback events the playback state after the change, so that a consumer
 * (the gateway's fan-out, analytics) can act on one event without folding the whole log. Schema changes
 * are additive; a breaking change is a new type ({@code ...V2}) with its own {@code ce_type}.
 * Each type has a JSON Schema at {@code schemas/<Type>.v1.schema.json} on the classpath.
 */
public sealed interface RoomEvent {

    <R> R accept(Visitor<R> visitor);

    /**
     * One method per event type: adding an event makes the compiler point at every handler that must
     * learn it (Java 17 has no exhaustive pattern switch).
     */
    interface Visitor<R> {
        R roomCreated(RoomCreated e);

        R participantJoined(ParticipantJoined e);

        R participantLeft(ParticipantLeft e);

        R participantKicked(ParticipantKicked e);

        R adminTransferred(AdminTransferred e);

        R playbackStarted(PlaybackStarted e);

        R playbackPaused(PlaybackPaused e);

        R playbackSeeked(PlaybackSeeked e);

        R playbackRateChanged(PlaybackRateChanged e);

        R playbackPositionCorrected(PlaybackPositionCorrected e);

        R episodeChanged(EpisodeChanged e);

        R providerChanged(ProviderChanged e);

        R mediaChanged(MediaChanged e);

        R roomClosed(RoomClosed e);
    }

    /** Every room event that changes playback carries who caused it and the resulting state. */
    sealed interface PlaybackEvent extends RoomEvent {
        String userId();

        PlaybackState playback();
    }

    /** Every membership event carries the participants after the change. */
    sealed interface MembershipEvent extends RoomEvent {
        List<Participant> participants();
    }

    record RoomCreated(String name, String adminId, boolean adminOnlyPlayback, int maxParticipants,
                       long createdAt, PlaybackState playback) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.roomCreated(this);
        }
    }

    record ParticipantJoined(String userId, String username, long joinedAt,
                             List<Participant> participants) implements MembershipEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.participantJoined(this);
        }
        public ParticipantJoined {
            participants = List.copyOf(participants);
        }
    }

    /** @param reason {@code left}, {@code disconnected} or {@code heartbeat_timeout} */
    record ParticipantLeft(String userId, String reason, List<Participant> participants) implements MembershipEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.participantLeft(this);
        }
        public ParticipantLeft {
            participants = List.copyOf(participants);
        }
    }

    /** The kicked user may not join this room again. */
    record ParticipantKicked(String userId, String kickedBy, List<Participant> participants) implements MembershipEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.participantKicked(this);
        }
        public ParticipantKicked {
            participants = List.copyOf(participants);
        }
    }

    /** @param reason {@code transferred} by the admin, or {@code admin_left} (succession by the longest present) */
    record AdminTransferred(String newAdminId, String oldAdminId, String reason,
                            List<Participant> participants) implements MembershipEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.adminTransferred(this);
        }
        public AdminTransferred {
            participants = List.copyOf(participants);
        }
    }

    record PlaybackStarted(String userId, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.playbackStarted(this);
        }
    }

    record PlaybackPaused(String userId, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.playbackPaused(this);
        }
    }

    record PlaybackSeeked(String userId, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.playbackSeeked(this);
        }
    }

    record PlaybackRateChanged(String userId, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.playbackRateChanged(this);
        }
    }

    /** The admin's player reported a position that departed from the expected one by more than the tolerance. */
    record PlaybackPositionCorrected(String userId, double expectedTime, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.playbackPositionCorrected(this);
        }
    }

    record EpisodeChanged(String userId, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.episodeChanged(this);
        }
    }

    record ProviderChanged(String userId, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.providerChanged(this);
        }
    }

    record MediaChanged(String userId, PlaybackState playback) implements PlaybackEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mediaChanged(this);
        }
    }

    /** @param reason {@code empty} when the last participant left, {@code inactive} after the inactivity timeout */
    record RoomClosed(String reason) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.roomClosed(this);
        }
    }
}
