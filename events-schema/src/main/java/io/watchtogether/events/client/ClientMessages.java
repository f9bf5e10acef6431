package io.watchtogether.events.client;

import io.watchtogether.events.EventEnvelope;
import io.watchtogether.events.Participant;
import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomEvent;
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
import io.watchtogether.events.RoomState;
import io.watchtogether.events.Providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes clients see: the integration guide's event names and fields, for STOMP messages and REST
 * bodies alike. Written once here so REST, STOMP and replays render a room and an event the same way.
 *
 * <p>Every message has {@code type} (the guide's event name), {@code roomId}, {@code version} and
 * {@code serverTime} (epoch ms when the server sent it).
 */
public final class ClientMessages {

    private ClientMessages() {
    }

    /** The guide's name for an event as pushed to room subscribers. */
    public static String typeOf(RoomEvent event) {
        return event.accept(new RoomEvent.Visitor<>() {
            @Override
            public String roomCreated(RoomCreated e) {
                return "room_created";
            }

            @Override
            public String participantJoined(ParticipantJoined e) {
                return "user_joined";
            }

            @Override
            public String participantLeft(ParticipantLeft e) {
                return "user_left";
            }

            @Override
            public String participantKicked(ParticipantKicked e) {
                return "user_kicked";
            }

            @Override
            public String adminTransferred(AdminTransferred e) {
                return "admin_changed";
            }

            @Override
            public String playbackStarted(PlaybackStarted e) {
                return "playback_updated";
            }

            @Override
            public String playbackPaused(PlaybackPaused e) {
                return "playback_updated";
            }

            @Override
            public String playbackSeeked(PlaybackSeeked e) {
                return "playback_updated";
            }

            @Override
            public String playbackRateChanged(PlaybackRateChanged e) {
                return "playback_updated";
            }

            @Override
            public String playbackPositionCorrected(PlaybackPositionCorrected e) {
                return "playback_updated";
            }

            @Override
            public String episodeChanged(EpisodeChanged e) {
                return "episode_changed";
            }

            @Override
            public String providerChanged(ProviderChanged e) {
                return "provider_changed";
            }

            @Override
            public String mediaChanged(MediaChanged e) {
                return "media_changed";
            }

            @Override
            public String roomClosed(RoomClosed e) {
                return "room_closed";
            }
        });
    }

    /** The message pushed to {@code /topic/rooms.{roomId}} for one event. */
    public static Map<String, Object> event(EventEnvelope envelope, long serverTime) {
        RoomEvent event = envelope.event();
        Map<String, Object> message = header(typeOf(event), envelope.roomId(), envelope.version(), serverTime);
        message.put("timestamp", envelope.time());
        message.putAll(event.accept(new RoomEvent.Visitor<Map<String, Object>>() {
            @Override
            public Map<String, Object> roomCreated(RoomCreated e) {
                return fields("name", e.name(), "adminId", e.adminId(), "currentState", playback(e.playback()),
                        "adminOnlyPlayback", e.adminOnlyPlayback(), "maxParticipants", e.maxParticipants());
            }

            @Override
            public Map<String, Object> participantJoined(ParticipantJoined e) {
                return fields("userId", e.userId(), "username", e.username(), "participants", participants(e.participants()));
            }

            @Override
            public Map<String, Object> participantLeft(ParticipantLeft e) {
                return fields("userId", e.userId(), "reason", e.reason(), "participants", participants(e.participants()));
            }

            @Override
            public Map<String, Object> participantKicked(ParticipantKicked e) {
                return fields("kickedUserId", e.userId(), "kickedBy", e.kickedBy(),
                        "participants", participants(e.participants()));
            }

            @Override
            public Map<String, Object> adminTransferred(AdminTransferred e) {
                return fields("newAdmin", e.newAdminId(), "oldAdmin", e.oldAdminId(), "reason", e.reason(),
                        "participants", participants(e.participants()));
            }

            @Override
            public Map<String, Object> playbackStarted(PlaybackStarted e) {
                return playbackChange(e, action("play", Map.of()));
            }

            @Override
            public Map<String, Object> playbackPaused(PlaybackPaused e) {
                return playbackChange(e, action("pause", Map.of()));
            }

            @Override
            public Map<String, Object> playbackSeeked(PlaybackSeeked e) {
                return playbackChange(e, action("seek", Map.of("currentTime", e.playback().currentTime())));
            }

            @Override
            public Map<String, Object> playbackRateChanged(PlaybackRateChanged e) {
                return playbackChange(e, action("setPlaybackRate", Map.of("rate", e.playback().playbackRate())));
            }

            @Override
            public Map<String, Object> playbackPositionCorrected(PlaybackPositionCorrected e) {
                return playbackChange(e, action("updateTime", Map.of("currentTime", e.playback().currentTime())));
            }

            @Override
            public Map<String, Object> episodeChanged(EpisodeChanged e) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("episode", e.playback().episode());
                data.put("season", e.playback().season());
                return playbackChange(e, action("changeEpisode", data));
            }

            @Override
            public Map<String, Object> providerChanged(ProviderChanged e) {
                return playbackChange(e, action("changeProvider", Map.of("provider", e.playback().providerId())));
            }

            @Override
            public Map<String, Object> mediaChanged(MediaChanged e) {
                return playbackChange(e, action("changeMedia", Map.of("mediaId", e.playback().mediaId(),
                        "mediaType", e.playback().mediaType())));
            }

            @Override
            public Map<String, Object> roomClosed(RoomClosed e) {
                return fields("reason", e.reason());
            }
        }));
        return message;
    }

    /** The room as REST returns it and {@code room_created} carries it. */
    public static Map<String, Object> room(RoomState room) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("roomId", room.roomId());
        body.put("id", room.roomId());
        body.put("name", room.name());
        body.put("adminId", room.adminId());
        body.put("participants", participants(room.participants()));
        body.put("currentState", playback(room.playback()));
        body.put("adminOnlyPlayback", room.adminOnlyPlayback());
        body.put("maxParticipants", room.maxParticipants());
        body.put("createdAt", room.createdAt());
        body.put("lastActivity", room.lastActivityAt());
        body.put("isActive", room.open());
        body.put("version", room.version());
        return body;
    }

    /** The direct reply {@code room_created}: the new room, to its creator. */
    public static Map<String, Object> roomCreated(RoomState room, long serverTime) {
        Map<String, Object> message = header("room_created", room.roomId(), room.version(), serverTime);
        message.put("room", room(room));
        message.putAll(room(room));
        return message;
    }

    /** The direct reply {@code initial_state}: what a (re)joining participant needs to start playing. */
    public static Map<String, Object> initialState(RoomState room, long serverTime) {
        Map<String, Object> message = header("initial_state", room.roomId(), room.version(), serverTime);
        message.put("currentState", playback(room.playback()));
        message.put("participants", participants(room.participants()));
        message.put("adminId", room.adminId());
        message.put("room", room(room));
        return message;
    }

    /** The direct reply {@code sync_response}: the room's playback state as the read model holds it. */
    public static Map<String, Object> syncResponse(RoomState room, long serverTime) {
        Map<String, Object> message = header("sync_response", room.roomId(), room.version(), serverTime);
        message.put("currentState", playback(room.playback()));
        message.put("timestamp", serverTime);
        message.put("adminId", room.adminId());
        return message;
    }

    /** The direct reply {@code error}. */
    public static Map<String, Object> error(String roomId, int status, String code, String detail,
                                            String command, long serverTime) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "error");
        message.put("roomId", roomId);
        message.put("status", status);
        message.put("code", code);
        message.put("message", detail);
        message.put("command", command);
        message.put("serverTime", serverTime);
        return message;
    }

    /** The playback state fields of the client contract. */
    public static Map<String, Object> playback(PlaybackState state) {
        if (state == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("isPlaying", state.isPlaying());
        body.put("currentTime", state.currentTime());
        body.put("playbackRate", state.playbackRate());
        body.put("anchorTime", state.anchorTime());
        body.put("mediaId", state.mediaId());
        body.put("mediaType", state.mediaType());
        body.put("providerId", state.providerId());
        body.put("season", state.season());
        body.put("episode", state.episode());
        Providers.find(state.providerId()).ifPresent(provider -> body.put("embedUrl",
                provider.urlFor(state.mediaId(), state.mediaType(), state.season(), state.episode())));
        return body;
    }

    public static List<Map<String, Object>> participants(List<Participant> participants) {
        return participants.stream()
                .map(p -> fields("userId", p.userId(), "username", p.username(), "joinedAt", p.joinedAt()))
                .toList();
    }

    private static Map<String, Object> header(String type, String roomId, long version, long serverTime) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("roomId", roomId);
        message.put("version", version);
        message.put("serverTime", serverTime);
        return message;
    }

    private static Map<String, Object> playbackChange(RoomEvent.PlaybackEvent e, Map<String, Object> action) {
        return fields("action", action, "state", playback(e.playback()), "userId", e.userId());
    }

    private static Map<String, Object> action(String type, Map<String, Object> data) {
        return fields("type", type, "data", data);
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
