package dev.stophack.streaming.weblog.ingest;

import dev.stophack.streaming.weblog.parse.LineReason;
import dev.stophack.streaming.weblog.parse.ParsedLine;
import java.util.Arrays;
import org.apache.spark.util.AccumulatorV2;

/**
 * What the weblog parser saw in one micro-batch, gathered from the tasks: lines read, dead letters
 * per reason, and the latest time of a readable line. The counts are for the log and metrics only
 * (a retried task may count twice); the latest time is a maximum, which a retry cannot change, and
 * moves the detectors' watermark.
 */
public final class LineStats extends AccumulatorV2<ParsedLine, LineStats.Snapshot> {
    private static final long serialVersionUID = 1L;
    private static final int REASONS = LineReason.values().length;

    private long lines;
    private long[] deadLetters = new long[REASONS];
    private long latest = Long.MIN_VALUE;

    /** The totals, detached from the accumulator. */
    /** {@code latest}: the latest event time of a readable line in epoch milliseconds, {@code Long.MIN_VALUE} if none. */
    public record Snapshot(long lines, long[] deadLetterCounts, long latest) {
        public long deadLetters(LineReason reason) {
            return deadLetterCounts[reason.ordinal()];
        }

        public long deadLetters() {
            return Arrays.stream(deadLetterCounts).sum();
        }
    }

    @Override
    public boolean isZero() {
        return lines == 0 && Arrays.stream(deadLetters).allMatch(v -> v == 0) && latest == Long.MIN_VALUE;
    }

    @Override
    public LineStats copy() {
        LineStats c = new LineStats();
        c.lines = lines;
        c.deadLetters = deadLetters.clone();
        c.latest = latest;
        return c;
    }

    @Override
    public void reset() {
        lines = 0;
        Arrays.fill(deadLetters, 0);
        latest = Long.MIN_VALUE;
    }

    @Override
    public void add(ParsedLine line) {
        if (line.ok()) {
            lines++;
            latest = Math.max(latest, line.epochSecond() * 1000);
        } else {
            deadLetters[line.reason().ordinal()]++;
        }
    }

    @Override
    public void merge(AccumulatorV2<ParsedLine, Snapshot> other) {
        LineStats o = (LineStats) other;
        lines += o.lines;
        for (int i = 0; i < REASONS; i++) {
            deadLetters[i] += o.deadLetters[i];
        }
        latest = Math.max(latest, o.latest);
    }

    @Override
    public Snapshot value() {
        return new Snapshot(lines, deadLetters.clone(), latest);
    }
}
