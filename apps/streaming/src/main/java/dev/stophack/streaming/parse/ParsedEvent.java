package dev.stophack.streaming.parse;

import dev.stophack.api.events.EventKind;
import java.util.Arrays;

/**
 * One event as the parser read it, in the normalised shape of
 * {@link dev.stophack.spark.EventFrames#normalise}: whole ids, doubles for measurements (NaN
 * where atop had nothing), trimmed codes, {@code NICE = PRI - 120}. Or, when the record is
 * unreadable, the reason. One instance is reused for every record of a partition.
 */
public final class ParsedEvent {
    final EventKind kind;
    /** The kind's numeric columns, in {@link EventKind#numericColumns()} order; NaN for null. */
    final double[] numbers;
    /** The kind's categorical columns, in {@link EventKind#categoricalColumns()} order. */
    final String[] codes;

    long eventTimeMicros;
    long sequence;
    boolean hasSequence;
    int machine;
    int pid;
    String command;
    DeadLetterReason reason;
    String detail;

    ParsedEvent(EventKind kind) {
        this.kind = kind;
        this.numbers = new double[kind.numericColumns().size()];
        this.codes = new String[kind.categoricalColumns().size()];
    }

    void reset() {
        Arrays.fill(numbers, Double.NaN);
        Arrays.fill(codes, null);
        eventTimeMicros = 0;
        sequence = 0;
        hasSequence = false;
        machine = 0;
        pid = 0;
        command = null;
        reason = null;
        detail = null;
    }

    boolean fail(DeadLetterReason why, String what) {
        reason = why;
        detail = what;
        return false;
    }

    public EventKind kind() {
        return kind;
    }

    /** Whether the record became an event; otherwise see {@link #reason()}. */
    public boolean ok() {
        return reason == null;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** The dead letter's reason text: code and detail. */
    public String reasonText() {
        return reason == null ? null : reason.describe(detail);
    }

    public long eventTimeMicros() {
        return eventTimeMicros;
    }

    /** The event's UTC date as days since 1970-01-01. */
    public int eventDay() {
        return (int) Math.floorDiv(eventTimeMicros, 86_400_000_000L);
    }

    public boolean hasSequence() {
        return hasSequence;
    }

    public long sequence() {
        return sequence;
    }

    public int machine() {
        return machine;
    }

    public int pid() {
        return pid;
    }

    public String command() {
        return command;
    }

    /** {@code CMD + "_" + PID}, or the PID alone when there is no command (as Spark's concat_ws). */
    public String commandPid() {
        return command == null ? Integer.toString(pid) : command + "_" + pid;
    }

    /** Measurement {@code i} of the kind's numeric columns; NaN when atop had none. */
    public double number(int i) {
        return numbers[i];
    }

    public String code(int i) {
        return codes[i];
    }
}
