package dev.stophack.producer.weblog;

/**
 * When to send each line when replaying a log at its own pace, compressed by {@code speed}: a line
 * logged {@code d} seconds after the first is due {@code d / speed} seconds after the replay
 * started. Pure arithmetic on the times passed in. A line without a readable time, or older than
 * one before it, is due with the latest line so far: the replay never waits backwards.
 */
public final class LogPace {
    private final double speed;
    private long firstSecond = Long.MIN_VALUE;
    private long latestSecond = Long.MIN_VALUE;

    public LogPace(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be a positive number, got " + speed);
        }
        this.speed = speed;
    }

    /**
     * Nanoseconds after the start of the replay at which a line logged at {@code epochSecond}
     * ({@code dev.stophack.accesslog.LogTime#INVALID} when unreadable) is due.
     */
    public long dueNanos(long epochSecond) {
        if (epochSecond != dev.stophack.accesslog.LogTime.INVALID) {
            if (firstSecond == Long.MIN_VALUE) {
                firstSecond = epochSecond;
            }
            latestSecond = Math.max(latestSecond, epochSecond);
        }
        if (firstSecond == Long.MIN_VALUE) {
            return 0;
        }
        return (long) ((latestSecond - firstSecond) * 1e9 / speed);
    }
}
