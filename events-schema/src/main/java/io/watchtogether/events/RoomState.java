package io.watchtogether.events;

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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A room as the fold of its events. Every consumer (room processor, projector, replay, analytics) uses
 * this one {@link #evolve(EventEnvelope)}, so they all agree on what a log means.
 *
 * @param roomId            the room
 * @param version           version of the last applied event; 0 for a room that does not exist yet
 * @param name              display name
 * @param adminId           the participant who controls the room
 * @param participants      present participants, in order of joining (the first succeeds a leaving admin)
 * @param kicked            users who were kicked and may not rejoin
 * @param adminOnlyPlayback whether only the admin may play, pause, seek and set the rate
 * @param maxParticipants   the cap that held when the room was created
 * @param playback          what every player should show
 * @param createdAt         server time (epoch ms) of creation
 * @param lastActivityAt    server time (epoch ms) of the last event
 * @param closed            whether the room has been closed; a closed room accepts nothing
 */
public record RoomState(
        String roomId,
        long version,
        String name,
        String adminId,
        List<Participant> participants,
        Set<String> kicked,
        boolean adminOnlyPlayback,
        int maxParticipants,
        PlaybackState playback,
        long createdAt,
        long lastActivityAt,
        boolean closed) {

    public RoomState {
        participants = List.copyOf(participants == null ? List.of() : participants);
        // Sorted, so that the serialized state is the same in every JVM (a rebuilt view compares equal).
        kicked = Collections.unmodifiableSortedSet(new TreeSet<>(kicked == null ? Set.of() : kicked));
    }

    /** The state of a room before its first event. */
    public static RoomState initial(String roomId) {
        return new RoomState(roomId, 0, null, null, List.of(), Set.of(), false, 0, null, 0, 0, false);
    }

    /** Folds a whole log, in order, into a state. */
    public static RoomState fold(String roomId, Iterable<EventEnvelope> events) {
        RoomState state = initial(roomId);
        for (EventEnvelope event : events) {
            state = state.evolve(event);
        }
        return state;
    }

    public boolean exists() {
        return version > 0;
    }

    /** Whether the room exists and is open. */
    public boolean open() {
        return exists() && !closed;
    }

    public boolean isParticipant(String userId) {
        return participant(userId).isPresent();
    }

    public Optional<Participant> participant(String userId) {
        return participants.stream().filter(p -> p.userId().equals(userId)).findFirst();
    }

    public boolean isAdmin(String userId) {
        return userId != null && userId.equals(adminId);
    }

    /**
     * Applies the next event of this room's log.
     *
     * @throws IllegalStateException if the event is not the next version (a gap or a replayed event):
     *                               callers that may see duplicates must skip them before calling
     */
    public RoomState evolve(EventEnvelope envelope) {
        if (envelope.version() != version + 1) {
            throw new IllegalStateException("Room " + roomId + " is at version " + version
                    + " and cannot apply version " + envelope.version());
        }
        return apply(envelope.event(), envelope.version(), envelope.time());
    }

    private RoomState apply(RoomEvent event, long v, long t) {
        return event.accept(new RoomEvent.Visitor<>() {
            @Override
            public RoomState roomCreated(RoomCreated e) {
                return new RoomState(roomId, v, e.name(), e.adminId(), List.of(), Set.of(),
                        e.adminOnlyPlayback(), e.maxParticipants(), e.playback(), e.createdAt(), t, false);
            }

            @Override
            public RoomState participantJoined(ParticipantJoined e) {
                return withMembers(v, t, adminId, e.participants(), kicked);
            }

            @Override
            public RoomState participantLeft(ParticipantLeft e) {
                return withMembers(v, t, adminId, e.participants(), kicked);
            }

            @Override
            public RoomState participantKicked(ParticipantKicked e) {
                return withMembers(v, t, adminId, e.participants(), plus(kicked, e.userId()));
            }

            @Override
            public RoomState adminTransferred(AdminTransferred e) {
                return withMembers(v, t, e.newAdminId(), e.participants(), kicked);
            }

            @Override
            public RoomState playbackStarted(PlaybackStarted e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState playbackPaused(PlaybackPaused e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState playbackSeeked(PlaybackSeeked e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState playbackRateChanged(PlaybackRateChanged e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState playbackPositionCorrected(PlaybackPositionCorrected e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState episodeChanged(EpisodeChanged e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState providerChanged(ProviderChanged e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState mediaChanged(MediaChanged e) {
                return withPlayback(v, t, e.playback());
            }

            @Override
            public RoomState roomClosed(RoomClosed e) {
                return new RoomState(roomId, v, name, adminId, List.of(), kicked, adminOnlyPlayback,
                        maxParticipants, playback.pausedAt(t), createdAt, t, true);
            }
        });
    }

    private RoomState withMembers(long v, long t, String admin, List<Participant> members, Set<String> banned) {
        return new RoomState(roomId, v, name, admin, members, banned, adminOnlyPlayback, maxParticipants,
                playback, createdAt, t, closed);
    }

    private RoomState withPlayback(long v, long t, PlaybackState next) {
        return new RoomState(roomId, v, name, adminId, participants, kicked, adminOnlyPlayback, maxParticipants,
                next, createdAt, t, closed);
    }

    private static Set<String> plus(Set<String> set, String element) {
        Set<String> copy = new TreeSet<>(set);
        copy.add(element);
        return copy;
    }

    /** The participants with one more at the end. */
    public List<Participant> participantsWith(Participant joining) {
        List<Participant> copy = new ArrayList<>(participants);
        copy.add(joining);
        return copy;
    }

    /** The participants without {@code userId}, order kept. */
    public List<Participant> participantsWithout(String userId) {
        return participants.stream().filter(p -> !p.userId().equals(userId)).toList();
    }
}
