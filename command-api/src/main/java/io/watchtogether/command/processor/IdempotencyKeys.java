package io.watchtogether.command.processor;

import java.util.regex.Pattern;

/**
 * What an idempotency key may be: 1 to 128 visible ASCII characters (no spaces or control characters), as
 * REST's {@code Idempotency-Key} header or STOMP's {@code idempotency-key}/{@code receipt} header carries it.
 * The edges refuse other keys; the processor refuses them too, whatever edge a command came through.
 */
public final class IdempotencyKeys {

    public static final int MAX_LENGTH = 128;

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

    private IdempotencyKeys() {
    }

    public static boolean isValid(String key) {
        return key != null && VALID.matcher(key).matches();
    }

    public static String rule() {
        return "An idempotency key must be 1 to " + MAX_LENGTH + " visible ASCII characters";
    }
}
