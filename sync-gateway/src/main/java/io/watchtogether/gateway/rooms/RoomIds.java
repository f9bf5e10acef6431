package io.watchtogether.gateway.rooms;

import io.watchtogether.events.client.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Room ids: short, URL-safe and unguessable, since a room id is what people share to invite friends. */
public final class RoomIds {

    /** 12 base62 characters: about 71 bits, no collision in practice and nothing to guess. */
    public static final int LENGTH = 12;

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomIds() {
    }

    public static String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /** A room id derived from a seed (a user and an idempotency key): the same seed, the same id. */
    public static String derived(String seed) {
        byte[] hash = sha256(seed);
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[(hash[i] & 0xff) % ALPHABET.length];
        }
        return new String(id);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Whether a client-supplied room id is well formed (ids from other sources may be longer than ours). */
    public static boolean isValid(String roomId) {
        return roomId != null && VALID.matcher(roomId).matches();
    }

    /** The room id of a destination, refused when malformed. */
    public static String require(String roomId) {
        if (!isValid(roomId)) {
            throw new InvalidRequestException("Not a room id: " + roomId);
        }
        return roomId;
    }
}
