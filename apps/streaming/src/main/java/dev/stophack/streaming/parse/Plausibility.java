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
 *   <li>{@code ts} at or before 1970, or more than {@code maxFuture} after the record's
 *       reference time: its Kafka timestamp, but never later than the time the job read it, and
 *       that read time when the record has no Kafka timestamp (0 or less).</li>
 * </ul>
 *
 * <p>The event time of every accepted record, and so each batch's heartbeat, can therefore lead
 * the broker's (and the job's) clock by at most {@code maxFuture}: one record cannot move the
 * attack queries' watermark far ahead and make every timely attack after it late. The read time
 * only decides for a record whose Kafka timestamp is missing or later than the job's clock (a
 * producer's clock ahead, or a timestamp set by hand); a replayed batch is judged against the read
 * time of its first attempt ({@link dev.stophack.streaming.scoring.BatchModelLog}), so the verdict
 * is the same days later.
 */
public final class Plausibility implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The default tolerance. Producers stamp {@code ts} when they read a sample, before they send
     * it, so a timely event leads its Kafka timestamp by nothing or by clock skew; 10 s is half the
     * attack queries' watermark delay, so the watermark stays 10 s behind the newest Kafka
     * timestamp even when one record leads by the whole tolerance.
     */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofSeconds(10);

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
     * Why event time {@code tsMicros} is absurd for a record Kafka stamped {@code kafkaMicros} (0
     * or less when it has no timestamp) and the job read at {@code readMicros}, or null when it is
     * plausible.
     */
    public String checkEventTime(long tsMicros, long kafkaMicros, long readMicros) {
        if (tsMicros <= 0) {
            return "ts " + tsMicros / 1e6 + " is not after 1970";
        }
        long reference = kafkaMicros > 0 ? Math.min(kafkaMicros, readMicros) : readMicros;
        if (tsMicros - reference > maxFutureMicros) {
            String what = kafkaMicros <= 0 ? "the time the job read it (the record has no Kafka timestamp)"
                    : reference < kafkaMicros ? "the time the job read it (its Kafka timestamp is later still)"
                    : "the Kafka timestamp";
            return "ts is " + (tsMicros - reference) / 1_000_000 + " s after " + what + " (at most "
                    + maxFutureMicros / 1_000_000 + " s)";
        }
        return null;
    }
}
