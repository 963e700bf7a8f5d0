package dev.stophack.query.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The width of the time buckets a chart counts in: the smallest of a few round widths that cuts
 * the data's time span into at most {@link #MAX_BUCKETS} bars, so that a ten-minute demo and a
 * month of data both give readable charts. Never less than the streaming job's 2-minute attack
 * windows, or every other bucket of potential attacks would be empty.
 */
public final class TimeBuckets {
    static final int MAX_BUCKETS = 120;
    /** Multiples of the 2-minute window, so that no window is split between two bars. */
    private static final List<Duration> WIDTHS = List.of(Duration.ofMinutes(2), Duration.ofMinutes(4),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
            Duration.ofDays(7));

    private TimeBuckets() {
    }

    /** The bucket width for data from {@code first} to {@code last} (the smallest when there is no data). */
    public static Duration width(Instant first, Instant last) {
        if (first == null || last == null) {
            return WIDTHS.get(0);
        }
        long span = Math.max(0, Duration.between(first, last).toSeconds());
        for (Duration w : WIDTHS) {
            if (span / w.toSeconds() < MAX_BUCKETS) {
                return w;
            }
        }
        return WIDTHS.get(WIDTHS.size() - 1);
    }

    /** {@code 1 minute}, {@code 15 minutes}, {@code 1 hour}, ... for titles. */
    public static String describe(Duration width) {
        long s = width.toSeconds();
        if (s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        } else if (s % 3_600 == 0) {
            return plural(s / 3_600, "hour");
        }
        return plural(s / 60, "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
