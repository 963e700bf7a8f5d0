package dev.stophack.streaming.attacks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The event-time rules of the attack outputs, in one place. Pure: no Spark types.
 *
 * <ul>
 *   <li>Events may arrive up to {@link #WATERMARK} late; older ones still land in
 *       {@code events/} but no longer count in windows or joins (and are counted as late).</li>
 *   <li>Potential attacks are counted per machine in tumbling {@link #WINDOW}s.</li>
 *   <li>A process and a memory event of the same machine and CMD_PID join when their event
 *       times are less than {@link #JOIN_RANGE} apart (29 s joins, 30 s does not).</li>
 * </ul>
 */
public final class AttackRules {
    public static final Duration WATERMARK = Duration.ofSeconds(20);
    public static final Duration WINDOW = Duration.ofMinutes(2);
    public static final Duration JOIN_RANGE = Duration.ofSeconds(30);

    /** How window bounds travel on the {@code attack-counts} topic: ISO-8601, UTC, whole seconds. */
    public static final String ISO_PATTERN = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern(ISO_PATTERN).withZone(ZoneOffset.UTC);

    private AttackRules() {
    }

    /** Spark's interval text for {@code d}, e.g. {@code "20 seconds"}. */
    public static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }

    /** Start of the window that holds event time {@code t}. */
    public static Instant windowStart(Instant t) {
        long size = WINDOW.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), size) * size);
    }

    /** Whether events at {@code a} and {@code b} are close enough to join. */
    public static boolean joins(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(JOIN_RANGE) < 0;
    }

    /** Watermark after seeing events up to {@code latest}. */
    public static Instant watermark(Instant latest) {
        return latest.minus(WATERMARK);
    }

    public static String iso(Instant t) {
        return ISO.format(t);
    }
}
