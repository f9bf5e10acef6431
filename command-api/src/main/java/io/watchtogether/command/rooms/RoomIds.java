package io.watchtogether.command.rooms;

import io.watchtogether.events.client.InvalidRequestException;

import java.util.regex.Pattern;

/** Room ids from paths and versions from {@code If-Match}, checked before they reach Kafka. */
final class RoomIds {

    private static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private RoomIds() {
    }

    static String require(String roomId) {
        if (roomId == null || !ROOM_ID.matcher(roomId).matches()) {
            throw new InvalidRequestException("roomId must be 1 to 64 letters, digits, _ or -");
        }
        return roomId;
    }

    /** {@code If-Match: "7"} (or {@code 7}) → 7; absent → null. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String bare = ifMatch.trim().replace("W/", "").replace("\"", "");
        try {
            long version = Long.parseLong(bare);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("If-Match must be a room version, e.g. \"7\"");
        }
    }
}
