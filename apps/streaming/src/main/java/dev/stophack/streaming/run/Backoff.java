package dev.stophack.streaming.run;

import java.time.Duration;

/**
 * Waits between restarts of a failed query: {@code first}, then doubling up to {@code max}, back
 * to {@code first} once the query made progress again. A minute-long S3 outage thus costs a few
 * quick retries and then one attempt a minute, and the query resumes by itself.
 */
public final class Backoff {
    private final Duration first;
    private final Duration max;
    private int failures;

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
    }

    /** The wait before the next attempt, counting one more failure. */
    public synchronized Duration next() {
        Duration wait = first;
        for (int i = 0; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        failures++;
        return wait.compareTo(max) > 0 ? max : wait;
    }

    public synchronized void reset() {
        failures = 0;
    }

    public synchronized int failures() {
        return failures;
    }
}
