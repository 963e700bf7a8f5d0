package dev.stophack.cli.demo;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How long the drain waits for a streaming job that has not caught up: a limit counted from the
 * last time what it watches changed, not from the start. On a busy machine the job may need
 * minutes to start its queries and more to work through what the producers sent; it is given up
 * on only once it stops moving.
 */
final class Patience {
    private final long limitNanos;
    private final LongSupplier nanoTime;
    private Object last;
    private long since;

    Patience(Duration limit, LongSupplier nanoTime) {
        this.limitNanos = limit.toNanos();
        this.nanoTime = nanoTime;
        this.since = nanoTime.getAsLong();
    }

    /** Whether the limit has passed with {@code progress} the same all along; a new value starts it again. */
    boolean exhausted(Object progress) {
        long now = nanoTime.getAsLong();
        if (!Objects.equals(progress, last)) {
            last = progress;
            since = now;
            return false;
        }
        return now - since > limitNanos;
    }
}
