package dev.stophack.producer.run;

/**
 * Keeps a load run at a target rate: event n is due n / rate seconds after the start. Pure
 * arithmetic; the run asks every {@link #stride()} events how long to wait.
 */
public final class Pacer {
    private final double eventsPerSecond;
    private final int stride;

    public Pacer(double eventsPerSecond) {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("the rate must be a positive number of events per second, got " + eventsPerSecond);
        }
        this.eventsPerSecond = eventsPerSecond;
        // about a millisecond's worth of events between checks, at least one
        this.stride = (int) Math.max(1, Math.min(1024, eventsPerSecond / 1000));
    }

    /** How often (in events) to call {@link #waitNanos}. */
    public int stride() {
        return stride;
    }

    /** Nanoseconds to wait before sending event {@code sent} + 1, given the time since the start; 0 if behind. */
    public long waitNanos(long sent, long elapsedNanos) {
        long due = (long) (sent * 1e9 / eventsPerSecond);
        return Math.max(0, due - elapsedNanos);
    }

    public double eventsPerSecond() {
        return eventsPerSecond;
    }
}
