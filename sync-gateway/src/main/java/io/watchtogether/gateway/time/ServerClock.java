package io.watchtogether.gateway.time;

import java.time.Instant;

/**
 * Server time for clock sync, in epoch milliseconds with a fraction: the clock's full resolution (microseconds
 * on Linux) instead of whole milliseconds, whose truncation alone would bias a client's offset estimate by up to
 * half a millisecond.
 */
final class ServerClock {

    private ServerClock() {
    }

    static double nowMillis() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1000.0 + now.getNano() / 1_000_000.0;
    }
}
