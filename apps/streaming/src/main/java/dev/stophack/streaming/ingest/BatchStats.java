package dev.stophack.streaming.ingest;

import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.parse.DeadLetterReason;
import dev.stophack.streaming.parse.ParsedEvent;
import java.util.Arrays;
import org.apache.spark.util.AccumulatorV2;

/**
 * What the parser saw in one micro-batch, gathered from the tasks: readable events, the events
 * predicted as attack (when the model scores in the tasks) and the latest event time per kind,
 * dead letters per reason. The latest event time becomes the heartbeat that moves the attack
 * queries' watermark; the counts go to the log, the metrics and the status record.
 * A task that is retried may count twice: the counts are for monitoring, never for results.
 */
public final class BatchStats extends AccumulatorV2<ParsedEvent, BatchStats.Snapshot> {
    private static final long serialVersionUID = 1L;
    private static final int KINDS = EventKind.values().length;
    private static final int REASONS = DeadLetterReason.values().length;

    private long[] events = new long[KINDS];
    private long[] latestMicros = new long[KINDS];
    private long[] attacks = new long[KINDS];
    private long[] deadLetters = new long[REASONS];

    public BatchStats() {
        Arrays.fill(latestMicros, Long.MIN_VALUE);
    }

    /** The totals, detached from the accumulator. */
    public record Snapshot(long[] eventCounts, long[] latest, long[] deadLetterCounts, long[] attackCounts) {
        public long events(EventKind kind) {
            return eventCounts[kind.ordinal()];
        }

        /** Events of {@code kind} the parsing tasks scored as attack (0 when the kind is scored by transform). */
        public long attacks(EventKind kind) {
            return attackCounts[kind.ordinal()];
        }

        /** Latest event time of {@code kind} in micros, or {@link Long#MIN_VALUE} when there was none. */
        public long latestMicros(EventKind kind) {
            return latest[kind.ordinal()];
        }

        public long deadLetters(DeadLetterReason reason) {
            return deadLetterCounts[reason.ordinal()];
        }

        public long deadLetters() {
            return Arrays.stream(deadLetterCounts).sum();
        }

        public long records() {
            return Arrays.stream(eventCounts).sum() + deadLetters();
        }
    }

    @Override
    public boolean isZero() {
        return Arrays.stream(events).allMatch(v -> v == 0) && Arrays.stream(deadLetters).allMatch(v -> v == 0)
                && Arrays.stream(attacks).allMatch(v -> v == 0)
                && Arrays.stream(latestMicros).allMatch(v -> v == Long.MIN_VALUE);
    }

    @Override
    public BatchStats copy() {
        BatchStats c = new BatchStats();
        c.events = events.clone();
        c.latestMicros = latestMicros.clone();
        c.attacks = attacks.clone();
        c.deadLetters = deadLetters.clone();
        return c;
    }

    @Override
    public void reset() {
        Arrays.fill(events, 0);
        Arrays.fill(latestMicros, Long.MIN_VALUE);
        Arrays.fill(deadLetters, 0);
        Arrays.fill(attacks, 0);
    }

    @Override
    public void add(ParsedEvent e) {
        if (e.ok()) {
            int k = e.kind().ordinal();
            events[k]++;
            latestMicros[k] = Math.max(latestMicros[k], e.eventTimeMicros());
        } else {
            deadLetters[e.reason().ordinal()]++;
        }
    }

    /** An event of kind {@code kind} (its ordinal) that the batch's model scored as attack in the task. */
    public void addAttack(int kind) {
        attacks[kind]++;
    }

    /** A record that no parser could take (an unexpected topic, a null value before parsing). */
    public void addDeadLetter(DeadLetterReason reason) {
        deadLetters[reason.ordinal()]++;
    }

    @Override
    public void merge(AccumulatorV2<ParsedEvent, Snapshot> other) {
        BatchStats o = (BatchStats) other;
        for (int i = 0; i < KINDS; i++) {
            events[i] += o.events[i];
            latestMicros[i] = Math.max(latestMicros[i], o.latestMicros[i]);
            attacks[i] += o.attacks[i];
        }
        for (int i = 0; i < REASONS; i++) {
            deadLetters[i] += o.deadLetters[i];
        }
    }

    @Override
    public Snapshot value() {
        return new Snapshot(events.clone(), latestMicros.clone(), deadLetters.clone(), attacks.clone());
    }
}
