package io.watchtogether.command.rooms;

import io.watchtogether.events.Actor;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.Providers;
import io.watchtogether.events.Rejection.Reason;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.events.RoomCommand.ChangeEpisode;
import io.watchtogether.events.RoomCommand.ChangeMedia;
import io.watchtogether.events.RoomCommand.ChangeProvider;
import io.watchtogether.events.RoomCommand.CloseRoom;
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
import io.watchtogether.events.RoomEvent.ParticipantJoined;
import io.watchtogether.events.RoomEvent.ParticipantKicked;
import io.watchtogether.events.RoomEvent.ParticipantLeft;
import io.watchtogether.events.RoomEvent.RoomClosed;
import io.watchtogether.events.RoomEvent.RoomCreated;
import io.watchtogether.events.RoomState;
import io.watchtogether.events.client.ClientRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The only place that says yes or no to a room command: pure, no I/O, the same answer for the same
 * command, state and time. The room processor calls it for one room at a time (one writer per room).
 */
public final class RoomDecider {

    private final RoomRules rules;

    public RoomDecider(RoomRules rules) {
        this.rules = rules;
    }

    public RoomRules rules() {
        return rules;
    }

    /**
     * Decides a command against the room's current state.
     *
     * @param now server time (epoch ms) the decision is made at; it anchors playback changes
     */
    public Decision decide(CommandEnvelope envelope, RoomState state, long now) {
        Actor actor = envelope.actor();
        RoomCommand command = envelope.command();
        if (envelope.expectedVersion() != null && envelope.expectedVersion() != state.version()) {
            return Decision.reject(Reason.VERSION_CONFLICT, "Room is at version " + state.version()
                    + ", not the expected " + envelope.expectedVersion());
        }
        if (!(command instanceof CreateRoom) && !state.open()) {
            return Decision.reject(Reason.ROOM_NOT_FOUND, state.exists()
                    ? "Room " + state.roomId() + " is closed"
                    : "No room " + state.roomId());
        }
        return command.accept(new Rules(actor, state, now));
    }

    /** The rules for one command, by type; {@code state} is the room before the command. */
    private final class Rules implements RoomCommand.Visitor<Decision> {

        private final Actor actor;
        private final RoomState state;
        private final long now;

        Rules(Actor actor, RoomState state, long now) {
            this.actor = actor;
            this.state = state;
            this.now = now;
        }

        /**
         * The server instant a playback change takes effect: the lead ahead of now, so every player gets it in
         * time, and never before the anchor of the change before it (the lead may have been lowered meanwhile).
         */
        private long anchor() {
            return Math.max(now + rules.anchorLead().toMillis(), state.playback().anchorTime());
        }

        @Override
        public Decision createRoom(CreateRoom c) {
            if (state.exists()) {
                return Decision.reject(Reason.VERSION_CONFLICT, "Room " + state.roomId() + " already exists");
            }
            if (c.name() == null || c.name().isBlank() || c.name().length() > ClientRequests.MAX_NAME_LENGTH) {
                return Decision.reject(Reason.INVALID_COMMAND, "name must be 1 to "
                        + ClientRequests.MAX_NAME_LENGTH + " characters");
            }
            if (c.mediaId() == null || c.mediaId().isBlank()) {
                return Decision.reject(Reason.INVALID_COMMAND, "mediaId is required");
            }
            if (!isMediaType(c.mediaType())) {
                return Decision.reject(Reason.INVALID_COMMAND, "mediaType must be 'movie' or 'tv'");
            }
            String provider = c.providerId() == null ? Providers.DEFAULT : c.providerId();
            if (!Providers.isKnown(provider)) {
                return unknownProvider(provider);
            }
            if (!Providers.find(provider).orElseThrow().accepts(c.mediaId())) {
                return mediaIdNotFor(provider);
            }
            if (!positiveOrAbsent(c.season()) || !positiveOrAbsent(c.episode())) {
                return Decision.reject(Reason.INVALID_COMMAND, "season and episode must be positive");
            }
            boolean tv = PlaybackState.TV.equals(c.mediaType());
            Integer season = tv ? orOne(c.season()) : null;
            Integer episode = tv ? orOne(c.episode()) : null;
            PlaybackState playback = PlaybackState.start(c.mediaId(), c.mediaType(), provider, season, episode, now);
            Participant admin = new Participant(actor.userId(), actor.username(), now);
            return Decision.accept(
                    new RoomCreated(c.name().trim(), actor.userId(), c.adminOnlyPlayback(), rules.maxParticipants(),
                            now, playback),
                    new ParticipantJoined(admin.userId(), admin.username(), now, List.of(admin)));
        }

        @Override
        public Decision joinRoom(JoinRoom c) {
            if (state.isParticipant(actor.userId())) {
                return Decision.accept(List.of());
            }
            if (state.kicked().contains(actor.userId())) {
                return Decision.reject(Reason.NOT_ALLOWED, "You were removed from this room and cannot rejoin");
            }
            if (state.participants().size() >= state.maxParticipants()) {
                return Decision.reject(Reason.ROOM_FULL, "Room is full (" + state.maxParticipants()
                        + " participants)");
            }
            Participant joining = new Participant(actor.userId(), actor.username(), now);
            return Decision.accept(new ParticipantJoined(joining.userId(), joining.username(), now,
                    state.participantsWith(joining)));
        }

        @Override
        public Decision leaveRoom(LeaveRoom c) {
            if (!state.isParticipant(actor.userId())) {
                return notParticipant();
            }
            String reason = c.reason() == null || c.reason().isBlank() ? "left" : c.reason();
            List<Participant> remaining = state.participantsWithout(actor.userId());
            List<RoomEvent> events = new ArrayList<>();
            events.add(new ParticipantLeft(actor.userId(), reason, remaining));
            if (remaining.isEmpty()) {
                events.add(new RoomClosed("empty"));
            } else if (state.isAdmin(actor.userId())) {
                // Participants are kept in order of joining, so the first remaining one has been present longest.
                events.add(new AdminTransferred(remaining.get(0).userId(), actor.userId(), "admin_left", remaining));
            }
            return Decision.accept(events);
        }

        @Override
        public Decision play(Play c) {
            return playbackControl(() -> state.playback().isPlaying()
                    ? Decision.accept(List.of())
                    : Decision.accept(new RoomEvent.PlaybackStarted(actor.userId(), state.playback().playingAt(anchor()))));
        }

        @Override
        public Decision pause(Pause c) {
            return playbackControl(() -> state.playback().isPlaying()
                    ? Decision.accept(new RoomEvent.PlaybackPaused(actor.userId(), state.playback().pausedAt(anchor())))
                    : Decision.accept(List.of()));
        }

        @Override
        public Decision seek(Seek c) {
            if (!isPosition(c.currentTime())) {
                return invalidPosition();
            }
            return playbackControl(() -> Decision.accept(
                    new RoomEvent.PlaybackSeeked(actor.userId(), state.playback().seekedTo(c.currentTime(), anchor()))));
        }

        @Override
        public Decision setPlaybackRate(SetPlaybackRate c) {
            if (!(c.rate() >= PlaybackState.MIN_RATE && c.rate() <= PlaybackState.MAX_RATE)) {
                return Decision.reject(Reason.INVALID_COMMAND, "rate must be between " + PlaybackState.MIN_RATE
                        + " and " + PlaybackState.MAX_RATE);
            }
            return playbackControl(() -> Decision.accept(
                    new RoomEvent.PlaybackRateChanged(actor.userId(), state.playback().withRate(c.rate(), anchor()))));
        }

        @Override
        public Decision reportPosition(ReportPosition c) {
            if (!isPosition(c.currentTime())) {
                return invalidPosition();
            }
            if (!state.isParticipant(actor.userId())) {
                return notParticipant();
            }
            if (!state.isAdmin(actor.userId())) {
                return Decision.reject(Reason.NOT_ALLOWED, "Only the admin's player reports the position");
            }
            if (now < state.playback().anchorTime()
                    || (c.basedOnVersion() != null && c.basedOnVersion() < state.version())) {
                // A change is still to take effect, or the report was read before the latest change reached its
                // player: its position is of the old timeline and would undo that change.
                return Decision.accept(List.of());
            }
            double expected = state.playback().positionAt(now);
            double toleranceSeconds = rules.positionTolerance().toMillis() / 1000.0;
            if (Math.abs(c.currentTime() - expected) <= toleranceSeconds) {
                return Decision.accept(List.of());
            }
            return Decision.accept(new RoomEvent.PlaybackPositionCorrected(actor.userId(), expected,
                    state.playback().seekedTo(c.currentTime(), now)));
        }

        @Override
        public Decision changeEpisode(ChangeEpisode c) {
            return adminOnly("change the episode", () -> {
                if (!PlaybackState.TV.equals(state.playback().mediaType())) {
                    return Decision.reject(Reason.INVALID_TRANSITION, "Episodes can only be changed for tv media");
                }
                if (c.episode() < 1 || (c.season() != null && c.season() < 1)) {
                    return Decision.reject(Reason.INVALID_COMMAND, "season and episode must be positive");
                }
                Integer season = c.season() == null ? state.playback().season() : c.season();
                return Decision.accept(new RoomEvent.EpisodeChanged(actor.userId(),
                        state.playback().withEpisode(season, c.episode(), now)));
            });
        }

        @Override
        public Decision changeProvider(ChangeProvider c) {
            return adminOnly("change the provider", () -> {
                Optional<Providers.Provider> provider = Providers.find(c.providerId());
                if (provider.isEmpty()) {
                    return unknownProvider(c.providerId());
                }
                if (!provider.get().accepts(state.playback().mediaId())) {
                    return Decision.reject(Reason.INVALID_COMMAND, "The room's media cannot be played by provider '"
                            + c.providerId() + "', which takes " + provider.get().mediaIdRule()
                            + "; change the media and the provider together (changeMedia with provider)");
                }
                return Decision.accept(new RoomEvent.ProviderChanged(actor.userId(),
                        state.playback().withProvider(c.providerId(), now)));
            });
        }

        @Override
        public Decision changeMedia(ChangeMedia c) {
            return adminOnly("change the media", () -> {
                if (c.mediaId() == null || c.mediaId().isBlank()) {
                    return Decision.reject(Reason.INVALID_COMMAND, "mediaId is required");
                }
                String provider = c.providerId() == null ? state.playback().providerId() : c.providerId();
                if (!Providers.isKnown(provider)) {
                    return unknownProvider(provider);
                }
                if (!Providers.find(provider).orElseThrow().accepts(c.mediaId())) {
                    return mediaIdNotFor(provider);
                }
                String mediaType = c.mediaType() == null ? state.playback().mediaType() : c.mediaType();
                if (!isMediaType(mediaType)) {
                    return Decision.reject(Reason.INVALID_COMMAND, "mediaType must be 'movie' or 'tv'");
                }
                if (!positiveOrAbsent(c.season()) || !positiveOrAbsent(c.episode())) {
                    return Decision.reject(Reason.INVALID_COMMAND, "season and episode must be positive");
                }
                boolean tv = PlaybackState.TV.equals(mediaType);
                return Decision.accept(new RoomEvent.MediaChanged(actor.userId(), state.playback().withMedia(
                        c.mediaId(), mediaType, provider, tv ? orOne(c.season()) : null, tv ? orOne(c.episode()) : null,
                        now)));
            });
        }

        @Override
        public Decision transferAdmin(TransferAdmin c) {
            return adminOnly("transfer admin", () -> {
                if (c.newAdminId() == null || c.newAdminId().isBlank()) {
                    return Decision.reject(Reason.INVALID_COMMAND, "newAdminId is required");
                }
                if (c.newAdminId().equals(actor.userId())) {
                    return Decision.accept(List.of());
                }
                if (!state.isParticipant(c.newAdminId())) {
                    return Decision.reject(Reason.INVALID_TRANSITION, "User " + c.newAdminId()
                            + " is not a participant of this room");
                }
                return Decision.accept(new AdminTransferred(c.newAdminId(), actor.userId(), "transferred",
                        state.participants()));
            });
        }

        @Override
        public Decision kickUser(KickUser c) {
            return adminOnly("kick participants", () -> {
                if (c.userIdToKick() == null || c.userIdToKick().isBlank()) {
                    return Decision.reject(Reason.INVALID_COMMAND, "userIdToKick is required");
                }
                if (c.userIdToKick().equals(actor.userId())) {
                    return Decision.reject(Reason.INVALID_TRANSITION, "The admin cannot kick themselves; leave instead");
                }
                if (!state.isParticipant(c.userIdToKick())) {
                    return Decision.reject(Reason.INVALID_TRANSITION, "User " + c.userIdToKick()
                            + " is not a participant of this room");
                }
                return Decision.accept(new ParticipantKicked(c.userIdToKick(), actor.userId(),
                        state.participantsWithout(c.userIdToKick())));
            });
        }

        /** Only the system closes a room this way (the processor, for an idle room); people leave instead. */
        @Override
        public Decision closeRoom(CloseRoom c) {
            if (!Actor.SYSTEM_ID.equals(actor.userId())) {
                return Decision.reject(Reason.NOT_ALLOWED, "Only the system may close a room");
            }
            String reason = c.reason() == null || c.reason().isBlank() ? "closed" : c.reason();
            return Decision.accept(new RoomClosed(reason));
        }

        private Decision playbackControl(Supplier<Decision> then) {
            if (!state.isParticipant(actor.userId())) {
                return notParticipant();
            }
            if (state.adminOnlyPlayback() && !state.isAdmin(actor.userId())) {
                return Decision.reject(Reason.NOT_ALLOWED, "Only the admin controls playback in this room");
            }
            return then.get();
        }

        private Decision adminOnly(String what, Supplier<Decision> then) {
            if (!state.isParticipant(actor.userId())) {
                return notParticipant();
            }
            if (!state.isAdmin(actor.userId())) {
                return Decision.reject(Reason.NOT_ALLOWED, "Only the admin may " + what);
            }
            return then.get();
        }

        private Decision notParticipant() {
            return Decision.reject(Reason.NOT_ALLOWED, "You are not a participant of this room");
        }
    }

    private static boolean isMediaType(String mediaType) {
        return PlaybackState.MOVIE.equals(mediaType) || PlaybackState.TV.equals(mediaType);
    }

    private static boolean isPosition(double seconds) {
        return Double.isFinite(seconds) && seconds >= 0 && seconds <= ClientRequests.MAX_POSITION_SECONDS;
    }

    private static Decision invalidPosition() {
        return Decision.reject(Reason.INVALID_COMMAND, "currentTime must be a finite number of seconds, at least 0");
    }

    private static Decision mediaIdNotFor(String provider) {
        return Decision.reject(Reason.INVALID_COMMAND, "mediaId for provider '" + provider + "' must be "
                + Providers.find(provider).orElseThrow().mediaIdRule());
    }

    private static Decision unknownProvider(String provider) {
        return Decision.reject(Reason.INVALID_COMMAND, "Unknown provider '" + provider + "'; known: "
                + String.join(", ", Providers.all().stream().map(Providers.Provider::id).toList()));
    }

    private static boolean positiveOrAbsent(Integer value) {
        return value == null || value >= 1;
    }

    private static Integer orOne(Integer value) {
        return value == null ? 1 : value;
    }
}
