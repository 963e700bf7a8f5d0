package dev.stophack.streaming.parse;

import dev.stophack.api.events.EventKind;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * What a readable event may not say: these make a record a dead letter with
 * {@link DeadLetterReason#ABSURD_VALUE}.
 *
 * <ul>
 *   <li>a negative count, size or CPU share (growth, {@code VGROW}/{@code RGROW}, may be negative;
 *       so may {@code NICE}, which is derived, and {@code EXC}, where atop shows signals);</li>
 *   <li>a negative machine id or PID;</li>
 *   <li>{@code ts} at or before 1970, or more than {@code maxFuture} after the record's Kafka
 *       timestamp. Comparing with the Kafka timestamp instead of the clock keeps the verdict the
 *       same when a batch is replayed days later.</li>
 * </ul>
 */
public final class Plausibility implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofHours(1);

    private static final Set<String> MAY_BE_NEGATIVE = Set.of("VGROW", "RGROW", "NICE", "EXC");

    private final long maxFutureMicros;

    public Plausibility(Duration maxFuture) {
        if (maxFuture.isNegative()) {
            throw new IllegalArgumentException("the future tolerance cannot be negative: " + maxFuture);
        }
        this.maxFutureMicros = maxFuture.toNanos() / 1_000;
    }

    /** Whether {@code column}, one of the kind's numeric columns, may hold a negative value. */
    public static boolean mayBeNegative(String column) {
        return MAY_BE_NEGATIVE.contains(column);
    }

    /** For each of {@code kind}'s numeric columns, in order: whether a negative value is absurd. */
    static boolean[] nonNegative(EventKind kind) {
        boolean[] flags = new boolean[kind.numericColumns().size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = !mayBeNegative(kind.numericColumns().get(i));
        }
        return flags;
    }

    /**
     * Why event time {@code tsMicros} is absurd for a record Kafka stamped {@code kafkaMicros}
     * (negative when unknown), or null when it is plausible.
     */
    public String checkEventTime(long tsMicros, long kafkaMicros) {
        if (tsMicros <= 0) {
            return "ts " + tsMicros / 1e6 + " is not after 1970";
        }
        if (kafkaMicros > 0 && tsMicros - kafkaMicros > maxFutureMicros) {
            return "ts is " + Duration.ofNanos((tsMicros - kafkaMicros) * 1_000).toSeconds()
                    + " s after the Kafka timestamp (tolerance " + maxFutureMicros / 1_000_000 + " s)";
        }
        return null;
    }
}
