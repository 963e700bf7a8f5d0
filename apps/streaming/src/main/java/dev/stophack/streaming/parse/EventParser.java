package dev.stophack.streaming.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.stophack.api.events.EventKind;
import dev.stophack.normalise.RawNumber;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one Kafka event value (the JSON of DESIGN.md) straight into a {@link ParsedEvent} with a
 * streaming Jackson parser: only the kind's fields are looked at, numbers are normalised with
 * {@link RawNumber#value} on Jackson's own text buffer, and nothing is allocated per field except
 * the strings that end up in the event. Unknown fields are skipped.
 *
 * <p>The result equals {@link dev.stophack.spark.EventFrames#normalise} on the same raw values
 * (a test holds them together); on top of it, this parser says why a record is unreadable.
 * Not thread-safe: one parser per task.
 */
public final class EventParser {
    /** Deeper than this is no event: an event is one flat object (an unknown field may nest a little). */
    public static final int MAX_DEPTH = 64;
    /** Characters of a JSON number: a measurement or a time needs a few dozen at most. */
    public static final int MAX_NUMBER_CHARS = 100;
    /**
     * Characters of a text value the job keeps (CMD, codes) or reads as a number. Kept text goes
     * to parquet and to Kafka with the event, which must stay far below the largest record.
     */
    public static final int MAX_TEXT_CHARS = 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .build())
            .build();

    private static final int TS = 0;
    private static final int SEQUENCE = 1;
    private static final int MACHINE = 2;
    private static final int PID = 3;
    private static final int CMD = 4;
    private static final int NUMBER = 5;
    private static final int CODE = 6;

    private final EventKind kind;
    private final Plausibility plausibility;
    /** field name -> slot type in the high bits, index in the low 16 bits */
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> numericNames;
    private final boolean[] nonNegative;
    private final int pri;
    private final int nice;
    private final CharView view = new CharView();
    private final ParsedEvent event;

    public EventParser(EventKind kind, Plausibility plausibility) {
        this.kind = kind;
        this.plausibility = plausibility;
        this.numericNames = kind.numericColumns();
        this.nonNegative = Plausibility.nonNegative(kind);
        this.pri = numericNames.indexOf("PRI");
        this.nice = numericNames.indexOf("NICE");
        this.event = new ParsedEvent(kind);
        slots.put(EventKind.TS, TS << 16);
        slots.put(EventKind.SEQUENCE, SEQUENCE << 16);
        slots.put(EventKind.MACHINE, MACHINE << 16);
        slots.put(EventKind.PID, PID << 16);
        slots.put(EventKind.CMD, CMD << 16);
        for (int i = 0; i < numericNames.size(); i++) {
            slots.put(numericNames.get(i), NUMBER << 16 | i);
        }
        for (int i = 0; i < kind.categoricalColumns().size(); i++) {
            slots.put(kind.categoricalColumns().get(i), CODE << 16 | i);
        }
    }

    public EventKind kind() {
        return kind;
    }

    /**
     * Parses {@code value}, a record Kafka stamped at {@code kafkaMicros} (0 or less when it has
     * no timestamp) that the job read at {@code readMicros} (see {@link Plausibility}). The
     * returned event is this parser's one instance, valid until the next call.
     */
    public ParsedEvent parse(byte[] value, long kafkaMicros, long readMicros) {
        event.reset();
        if (value == null || value.length == 0) {
            event.fail(DeadLetterReason.NOT_JSON, "empty value");
            return event;
        }
        JsonParser p = null;
        try {
            p = JSON.createParser(value);
            if (readObject(p)) {
                finish(kafkaMicros, readMicros);
            }
        } catch (StreamConstraintsException e) {
            tooLarge(e, topLevelField(p));
        } catch (JsonProcessingException e) {
            unreadable(value, firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            unreadable(value, firstLine(e.getMessage()));
        } finally {
            close(p);
        }
        return event;
    }

    /**
     * The field of the event's object that {@code p} was in, however deep: Jackson reads a field's
     * name and the start of its value in one step, so the name is set when a limit trips.
     */
    private static String topLevelField(JsonParser p) {
        JsonStreamContext c = p == null ? null : p.getParsingContext();
        while (c != null && c.getParent() != null && c.getParent().getParent() != null) {
            c = c.getParent();
        }
        return c != null && c.inObject() ? c.getCurrentName() : null;
    }

    private static void close(JsonParser p) {
        if (p != null) {
            try {
                p.close();
            } catch (IOException e) {
                // a parser over a byte array holds nothing to release
            }
        }
    }

    /** One of the limits above, in the words of this job rather than Jackson's. */
    private void tooLarge(StreamConstraintsException e, String field) {
        String where = field == null ? "" : " in " + field;
        String message = String.valueOf(e.getMessage());
        if (message.contains("nesting depth")) {
            event.fail(DeadLetterReason.TOO_DEEP, "nested deeper than " + MAX_DEPTH + " levels" + where);
        } else if (message.contains("Number length")) {
            event.fail(DeadLetterReason.TOO_LONG, "a number of more than " + MAX_NUMBER_CHARS + " characters" + where);
        } else {
            event.fail(DeadLetterReason.TOO_LONG, firstLine(e.getOriginalMessage()) + where);
        }
    }

    /**
     * A value Jackson could not read: when it is not even UTF-8, say that (RFC 8259: JSON text is
     * UTF-8), with the first bad byte; else what Jackson found. Only failures pay for this look.
     */
    private void unreadable(byte[] value, String jacksonSays) {
        int bad = Utf8.firstInvalid(value);
        if (bad >= 0) {
            event.fail(DeadLetterReason.INVALID_UTF8, String.format("byte 0x%02x at offset %d", value[bad] & 0xFF, bad));
        } else {
            event.fail(DeadLetterReason.NOT_JSON, jacksonSays);
        }
    }

    private boolean readObject(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return event.fail(DeadLetterReason.NOT_JSON, "empty value");
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            requireEnd(p);
            return event.ok() && event.fail(DeadLetterReason.NOT_AN_OBJECT, "a JSON " + describe(t));
        }
        boolean hasTs = false;
        boolean hasMachine = false;
        boolean hasPid = false;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            Integer slot = slots.get(name);
            if (slot == null) {
                p.skipChildren();
                continue;
            }
            if (t == JsonToken.VALUE_STRING && p.getTextLength() > MAX_TEXT_CHARS) {
                return event.fail(DeadLetterReason.TOO_LONG, name + " is a text of " + p.getTextLength()
                        + " characters (at most " + MAX_TEXT_CHARS + ")");
            }
            int index = slot & 0xFFFF;
            switch (slot >>> 16) {
                case TS -> hasTs = readTime(p, t);
                case SEQUENCE -> {
                    long v = readWhole(p, t, name, Long.MIN_VALUE, Long.MAX_VALUE);
                    event.hasSequence = v != MISSING;
                    event.sequence = event.hasSequence ? v : 0;
                }
                case MACHINE -> {
                    long v = readWhole(p, t, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    hasMachine = v != MISSING;
                    event.machine = (int) v;
                }
                case PID -> {
                    long v = readWhole(p, t, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    hasPid = v != MISSING;
                    event.pid = (int) v;
                }
                case CMD -> event.command = readText(p, t, name, false);
                case NUMBER -> event.numbers[index] = readMeasurement(p, t, index);
                case CODE -> event.codes[index] = readText(p, t, name, true);
                default -> throw new IllegalStateException("slot " + slot);
            }
            if (!event.ok()) {
                return false; // the first problem is the reason; the rest of the record does not matter
            }
        }
        if (t != JsonToken.END_OBJECT) {
            return event.fail(DeadLetterReason.NOT_JSON, "the object does not end");
        }
        requireEnd(p);
        if (!event.ok()) {
            return false;
        }
        if (!hasTs) {
            return event.fail(DeadLetterReason.MISSING_FIELD, EventKind.TS);
        }
        if (!hasMachine) {
            return event.fail(DeadLetterReason.MISSING_FIELD, EventKind.MACHINE);
        }
        if (!hasPid) {
            return event.fail(DeadLetterReason.MISSING_FIELD, EventKind.PID);
        }
        return true;
    }

    private void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            event.fail(DeadLetterReason.NOT_JSON, "content after the JSON value");
        }
    }

    private void finish(long kafkaMicros, long readMicros) {
        String absurd = plausibility.checkEventTime(event.eventTimeMicros, kafkaMicros, readMicros);
        if (absurd != null) {
            event.fail(DeadLetterReason.ABSURD_VALUE, absurd);
            return;
        }
        if (event.machine < 0) {
            event.fail(DeadLetterReason.ABSURD_VALUE, "negative machine: " + event.machine);
            return;
        }
        if (event.pid < 0) {
            event.fail(DeadLetterReason.ABSURD_VALUE, "negative PID: " + event.pid);
            return;
        }
        if (pri >= 0 && nice >= 0) {
            // atop measures the priority; NICE is derived from it, as EventFrames.normalise does
            event.numbers[nice] = event.numbers[pri] - 120;
        }
    }

    /** Sentinel for "absent or one of atop's empty markers" among whole numbers. */
    private static final long MISSING = Long.MIN_VALUE;

    private boolean readTime(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT -> {
                long seconds;
                try {
                    seconds = p.getLongValue();
                } catch (InputCoercionException e) {
                    return event.fail(DeadLetterReason.ABSURD_VALUE, "ts " + p.getText() + " is out of range");
                }
                if (Math.abs(seconds) > MAX_SECONDS) {
                    return event.fail(DeadLetterReason.ABSURD_VALUE, "ts " + seconds + " is out of range");
                }
                event.eventTimeMicros = seconds * 1_000_000L;
                return true;
            }
            case VALUE_NUMBER_FLOAT -> {
                double seconds = p.getDoubleValue();
                if (!(Math.abs(seconds) <= MAX_SECONDS)) {
                    return event.fail(DeadLetterReason.ABSURD_VALUE, "ts " + p.getText() + " is out of range");
                }
                event.eventTimeMicros = Math.round(seconds * 1e6);
                return true;
            }
            case VALUE_NULL -> {
                return false;
            }
            case VALUE_STRING -> {
                if (text(p).isBlank()) {
                    return false;
                }
                return event.fail(DeadLetterReason.NOT_A_NUMBER, "ts=" + quote(p.getText()));
            }
            default -> {
                return event.fail(DeadLetterReason.NOT_A_NUMBER, "ts is a JSON " + describe(t));
            }
        }
    }

    /** Year 294247 in seconds: beyond it, micros overflow a long. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000L;

    /** A whole number in [min, max]; {@link #MISSING} when absent or blank; fails the event otherwise. */
    private long readWhole(JsonParser p, JsonToken t, String name, long min, long max) throws IOException {
        double v;
        switch (t) {
            case VALUE_NUMBER_INT -> {
                try {
                    long whole = p.getLongValue();
                    if (whole < min || whole > max) {
                        event.fail(DeadLetterReason.NOT_A_NUMBER, name + "=" + p.getText() + " is out of range");
                    }
                    return whole;
                } catch (InputCoercionException e) {
                    event.fail(DeadLetterReason.NOT_A_NUMBER, name + "=" + p.getText() + " is out of range");
                    return 0;
                }
            }
            case VALUE_NUMBER_FLOAT -> v = p.getDoubleValue();
            case VALUE_STRING -> {
                v = RawNumber.value(text(p));
                if (Double.isNaN(v)) {
                    if (isEmptyMarker(view)) {
                        return MISSING;
                    }
                    event.fail(DeadLetterReason.NOT_A_NUMBER, name + "=" + quote(view.toString()));
                    return 0;
                }
            }
            case VALUE_NULL -> {
                return MISSING;
            }
            default -> {
                event.fail(DeadLetterReason.NOT_A_NUMBER, name + " is a JSON " + describe(t));
                return 0;
            }
        }
        if (v != Math.floor(v) || v < min || v > max) {
            event.fail(DeadLetterReason.NOT_A_NUMBER, name + "=" + p.getText() + " is not a whole number in range");
            return 0;
        }
        return (long) v;
    }

    /** A measurement as a double, NaN for atop's empty markers; fails the event when unreadable or absurd. */
    private double readMeasurement(JsonParser p, JsonToken t, int index) throws IOException {
        double v;
        switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> v = p.getDoubleValue();
            case VALUE_STRING -> {
                v = RawNumber.value(text(p));
                if (Double.isNaN(v)) {
                    if (!isEmptyMarker(view)) {
                        event.fail(DeadLetterReason.UNPARSEABLE_NUMBER,
                                numericNames.get(index) + "=" + quote(view.toString()));
                    }
                    return Double.NaN;
                }
            }
            case VALUE_NULL -> {
                return Double.NaN;
            }
            default -> {
                event.fail(DeadLetterReason.UNPARSEABLE_NUMBER, numericNames.get(index) + " is a JSON " + describe(t));
                return Double.NaN;
            }
        }
        if (Double.isInfinite(v)) {
            event.fail(DeadLetterReason.UNPARSEABLE_NUMBER, numericNames.get(index) + "=" + p.getText() + " is out of range");
        } else if (v < 0 && nonNegative[index]) {
            event.fail(DeadLetterReason.ABSURD_VALUE, "negative " + numericNames.get(index) + ": " + p.getText());
        }
        return v;
    }

    /**
     * A scalar as text; codes are trimmed of spaces as Spark's trim does, CMD is kept as reported.
     * An empty string is null, as Spark's CSV reader makes it for the training files.
     */
    private String readText(JsonParser p, JsonToken t, String name, boolean trim) throws IOException {
        if (t == JsonToken.VALUE_NULL || t == JsonToken.VALUE_STRING && p.getTextLength() == 0) {
            return null;
        }
        if (t.isStructStart()) {
            event.fail(DeadLetterReason.WRONG_TYPE, name + " is a JSON " + describe(t));
            return null;
        }
        String s = p.getText();
        return trim ? trimSpaces(s) : s;
    }

    private CharView text(JsonParser p) throws IOException {
        return view.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** Blank, {@code -} or {@code OVFLOW}: atop's ways of saying "no value", not errors. */
    private static boolean isEmptyMarker(CharView raw) {
        if (raw.isBlank()) {
            return true;
        }
        String reason = RawNumber.parse(raw.toString()).reason();
        return !RawNumber.UNPARSEABLE.equals(reason);
    }

    /** Spark's {@code trim}: spaces (not other whitespace) at both ends. */
    static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static String quote(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "\"" + cut + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
