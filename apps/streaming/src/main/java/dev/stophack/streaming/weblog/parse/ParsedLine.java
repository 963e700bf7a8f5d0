package dev.stophack.streaming.weblog.parse;

import java.nio.charset.StandardCharsets;

/**
 * What {@link AccessLogParser} made of one line: either the fields of a request, or the reason
 * it is a dead letter. Reused from line to line, so a parser allocates nothing for an ordinary
 * line: text fields are ranges of the line's own bytes (a field with escaped quotes is decoded
 * into a copy of its own). Read a text field as bytes ({@link #array}, {@link #offset},
 * {@link #length}) or as a {@link String}.
 */
public final class ParsedLine {
    public static final int HOST = 0;
    public static final int METHOD = 1;
    public static final int PATH = 2;
    public static final int PROTOCOL = 3;
    public static final int REFERER = 4;
    public static final int USER_AGENT = 5;
    static final int FIELDS = 6;

    final byte[][] arrays = new byte[FIELDS][];
    final int[] offsets = new int[FIELDS];
    /** -1: the field is null. */
    final int[] lengths = new int[FIELDS];
    LineReason reason;
    String detail;
    long epochSecond;
    int status;
    long bytes;

    void reset() {
        reason = null;
        detail = null;
        java.util.Arrays.fill(lengths, -1);
        java.util.Arrays.fill(arrays, null);
    }

    void set(int field, byte[] array, int from, int to) {
        arrays[field] = array;
        offsets[field] = from;
        lengths[field] = to - from;
    }

    LineReason fail(LineReason why, String what) {
        reason = why;
        detail = what;
        return why;
    }

    /** Whether the line was read. */
    public boolean ok() {
        return reason == null;
    }

    /** Why not, or null. */
    public LineReason reason() {
        return reason;
    }

    /** The dead letter's reason text: the code, then what was wrong. */
    public String reasonText() {
        return reason == null ? null : reason.describe(detail);
    }

    /** When the server logged the request, Unix seconds. */
    public long epochSecond() {
        return epochSecond;
    }

    public long eventTimeMicros() {
        return epochSecond * 1_000_000L;
    }

    /** Days since 1970-01-01 of the event time (the parquet partition). */
    public int eventDay() {
        return (int) Math.floorDiv(epochSecond, 86_400L);
    }

    public int status() {
        return status;
    }

    public long bytes() {
        return bytes;
    }

    public boolean isNull(int field) {
        return lengths[field] < 0;
    }

    public byte[] array(int field) {
        return arrays[field];
    }

    public int offset(int field) {
        return offsets[field];
    }

    public int length(int field) {
        return lengths[field];
    }

    /** A text field as a String, or null. */
    public String text(int field) {
        return lengths[field] < 0 ? null : new String(arrays[field], offsets[field], lengths[field], StandardCharsets.UTF_8);
    }

    public String host() {
        return text(HOST);
    }

    public String path() {
        return text(PATH);
    }
}
