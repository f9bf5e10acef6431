package io.watchtogether.events.client;

import io.watchtogether.events.PlaybackState;
import io.watchtogether.events.RoomCommand;
import tools.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Turns the integration guide's request bodies into commands, for REST and STOMP alike, refusing what is
 * malformed before it reaches Kafka. {@code decide} checks the room rules; this checks the shape.
 */
public final class ClientRequests {

    /** Longest room name accepted. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Longest media id accepted. */
    /** Long enough for the address of a media file (provider {@code direct}); catalogue ids are much shorter. */
    public static final int MAX_MEDIA_ID_LENGTH = 2048;
    /** Latest position accepted, in seconds (a day: no movie or episode is longer). */
    public static final double MAX_POSITION_SECONDS = 86_400;

    private static final Set<String> ACTION_TYPES = Set.of("play", "pause", "seek", "setPlaybackRate",
            "updateTime", "changeEpisode", "changeProvider", "changeMedia");

    private ClientRequests() {
    }

    /** {@code {name, mediaId, mediaType, providerId?, season?, episode?, adminOnlyPlayback?}}. */
    public static RoomCommand.CreateRoom createRoom(JsonNode body) {
        requireObject(body, "Request body");
        String name = requiredText(body, "name");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        String mediaId = mediaId(requiredText(body, "mediaId"));
        String mediaType = mediaType(requiredText(body, "mediaType"));
        String providerId = optionalText(body, "providerId");
        Integer season = optionalPositiveInt(body, "season");
        Integer episode = optionalPositiveInt(body, "episode");
        boolean adminOnly = body.has("adminOnlyPlayback") && body.get("adminOnlyPlayback").asBoolean(false);
        return new RoomCommand.CreateRoom(name, mediaId, mediaType, providerId, season, episode, adminOnly);
    }

    /** The guide's playback body {@code {action: {type, data}}} (or the bare action). */
    public static RoomCommand playbackAction(JsonNode body) {
        requireObject(body, "Request body");
        JsonNode action = body.has("action") ? body.get("action") : body;
        requireObject(action, "action");
        String type = requiredText(action, "type");
        if (!ACTION_TYPES.contains(type)) {
            throw new InvalidRequestException("Unknown action type '" + type + "'; expected one of "
                    + "play, pause, seek, setPlaybackRate, updateTime, changeEpisode, changeProvider, changeMedia");
        }
        JsonNode data = action.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new InvalidRequestException("action.data must be an object");
        }
        return switch (type) {
            case "play" -> new RoomCommand.Play();
            case "pause" -> new RoomCommand.Pause();
            case "seek" -> new RoomCommand.Seek(position(data));
            case "updateTime" -> new RoomCommand.ReportPosition(position(data), optionalVersion(data));
            case "setPlaybackRate" -> new RoomCommand.SetPlaybackRate(rate(data));
            case "changeEpisode" -> new RoomCommand.ChangeEpisode(optionalPositiveInt(data, "season"),
                    requiredPositiveInt(data, "episode"));
            case "changeProvider" -> new RoomCommand.ChangeProvider(requiredText(data, "provider"));
            case "changeMedia" -> new RoomCommand.ChangeMedia(mediaId(requiredText(data, "mediaId")),
                    data.has("mediaType") ? mediaType(requiredText(data, "mediaType")) : null,
                    optionalPositiveInt(data, "season"), optionalPositiveInt(data, "episode"),
                    data.has("provider") ? requiredText(data, "provider") : null);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    /**
     * Refuses a body that names a user other than the caller ({@code userId}, {@code adminId},
     * {@code currentAdminId}): identity comes from the token only.
     *
     * @throws IdentityMismatchException when a named user differs from the caller
     */
    public static void requireCaller(JsonNode body, String callerId) {
        if (body == null || !body.isObject()) {
            return;
        }
        for (String field : new String[] {"userId", "adminId", "currentAdminId"}) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull() && !callerId.equals(value.asString())) {
                throw new IdentityMismatchException(field + " '" + value.asString()
                        + "' is not the authenticated user; identity comes from the token");
            }
        }
    }

    /** The user a transfer-admin body names: {@code newAdminId}. */
    public static RoomCommand.TransferAdmin transferAdmin(JsonNode body) {
        requireObject(body, "Request body");
        return new RoomCommand.TransferAdmin(requiredText(body, "newAdminId"));
    }

    /** The user a kick body names: {@code userIdToKick}. */
    public static RoomCommand.KickUser kickUser(JsonNode body) {
        requireObject(body, "Request body");
        return new RoomCommand.KickUser(requiredText(body, "userIdToKick"));
    }

    private static double position(JsonNode data) {
        double value = requiredNumber(data, "currentTime");
        if (value < 0 || value > MAX_POSITION_SECONDS) {
            throw new InvalidRequestException("currentTime must be between 0 and " + (long) MAX_POSITION_SECONDS
                    + " seconds");
        }
        return value;
    }

    private static double rate(JsonNode data) {
        double value = requiredNumber(data, "rate");
        if (value < PlaybackState.MIN_RATE || value > PlaybackState.MAX_RATE) {
            throw new InvalidRequestException("rate must be between " + PlaybackState.MIN_RATE + " and "
                    + PlaybackState.MAX_RATE);
        }
        return value;
    }

    private static String mediaId(String value) {
        // What a media id means depends on the room's provider, which the room processor checks; here only what no
        // provider accepts is refused.
        if (value.length() > MAX_MEDIA_ID_LENGTH || !value.matches("[^\\s\"'<>{}]+")) {
            throw new InvalidRequestException("mediaId must be 1 to " + MAX_MEDIA_ID_LENGTH
                    + " characters without spaces, quotes, angle brackets or braces");
        }
        return value;
    }

    private static String mediaType(String value) {
        if (!PlaybackState.MOVIE.equals(value) && !PlaybackState.TV.equals(value)) {
            throw new InvalidRequestException("mediaType must be 'movie' or 'tv'");
        }
        return value;
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(what + " must be a JSON object");
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new InvalidRequestException(field + " is required and must be a non-empty string");
        }
        return value.asString().trim();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidRequestException(field + " must be a string");
        }
        return value.asString().trim();
    }

    private static double requiredNumber(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            throw new InvalidRequestException(field + " is required and must be a number");
        }
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            throw new InvalidRequestException(field + " must be a finite number");
        }
        return number;
    }

    private static int requiredPositiveInt(JsonNode node, String field) {
        Integer value = optionalPositiveInt(node, field);
        if (value == null) {
            throw new InvalidRequestException(field + " is required and must be a positive whole number");
        }
        return value;
    }

    /** The room version an {@code updateTime} is based on (extension): a whole number from 1, or absent. */
    private static Long optionalVersion(JsonNode node) {
        JsonNode value = node == null ? null : node.get("version");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
            throw new InvalidRequestException("version must be a positive whole number");
        }
        return value.asLong();
    }

    private static Integer optionalPositiveInt(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw new InvalidRequestException(field + " must be a positive whole number");
        }
        return value.asInt();
    }
}
