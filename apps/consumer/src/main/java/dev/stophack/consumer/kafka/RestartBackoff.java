package dev.stophack.consumer.kafka;

import java.time.Duration;

/**
 * How long to wait before restarting the counting thread after a failure: {@code first}, then
 * twice as long after each failure in a row, up to {@code max}. An attempt that ran for
 * {@code healthyAfter} before failing was healthy, so the next wait starts from {@code first}
 * again. A failure that repeats at once (a broker refusing us, a bug met on every poll) then
 * costs a restart every {@code max}, not a busy loop.
 */
final class RestartBackoff {
    private final long firstMillis;
    private final long maxMillis;
    private final long healthyAfterMillis;
    private long nextMillis;

    RestartBackoff(Duration first, Duration max, Duration healthyAfter) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
        }
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.healthyAfterMillis = healthyAfter.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The wait before the next attempt, given that the one that just failed ran for {@code ranMillis}. */
    long afterFailure(long ranMillis) {
        if (ranMillis >= healthyAfterMillis) {
            nextMillis = firstMillis;
        }
        long wait = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return wait;
    }
}
