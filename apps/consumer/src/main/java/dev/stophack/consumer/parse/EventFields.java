package dev.stophack.consumer.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the two fields counting needs from a process or memory event: {@code ts} (event time,
 * Unix seconds) and, only when the record has no key, {@code machine}. Nothing else is bound.
 *
 * <p>The producer appends {@code ts} as the last field, so the common case is read from the end
 * of the bytes without parsing the rest. Anything else (another field order, a fractional or
 * quoted ts, a missing key) goes through Jackson's streaming parser, which skips the fields it
 * does not need. The consumer counts; it does not validate events (the streaming job does, and
 * dead-letters what it cannot read).
 *
 * <p>One instance per thread: {@link #read} fills its fields.
 */
public final class EventFields {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] TS_NAME = {'"', 't', 's', '"'};

    /** Event time read by the last {@link #read}, Unix seconds. */
    public long ts;
    /** Machine read by the last {@link #read} when it was asked for, else null. */
    public String machine;
    /** Why the last {@link #read} failed, or null when it succeeded. */
    public SkipReason failure;

    /**
     * Reads {@code value}; {@code wantTs} and {@code wantMachine} say which fields are needed.
     * Returns false (and sets {@link #failure}) when a needed field is missing or unreadable.
     */
    public boolean read(byte[] value, boolean wantTs, boolean wantMachine) {
        failure = null;
        machine = null;
        if (value == null) {
            failure = SkipReason.NOT_JSON;
            return false;
        }
        if (wantTs && !wantMachine && tsFromTail(value)) {
            return true;
        }
        return parse(value, wantTs, wantMachine);
    }

    /**
     * Matches {@code [{,] "ts" : DIGITS }} at the end of {@code value}. The closing brace of a
     * well-formed document closes the top-level object, and the character before {@code "ts"}
     * must be a separator, so this cannot be a string's content or a nested field.
     */
    boolean tsFromTail(byte[] value) {
        int i = skipSpaceBack(value, value.length - 1);
        if (i < 0 || value[i] != '}') {
            return false;
        }
        i = skipSpaceBack(value, i - 1);
        int digitsEnd = i;
        while (i >= 0 && value[i] >= '0' && value[i] <= '9') {
            i--;
        }
        int digits = digitsEnd - i;
        if (digits == 0 || digits > 18) {
            return false;
        }
        int digitsStart = i + 1;
        i = skipSpaceBack(value, i);
        if (i < 0 || value[i] != ':') {
            return false;
        }
        i = skipSpaceBack(value, i - 1);
        for (int k = TS_NAME.length - 1; k >= 0; k--, i--) {
            if (i < 0 || value[i] != TS_NAME[k]) {
                return false;
            }
        }
        i = skipSpaceBack(value, i);
        if (i < 0 || (value[i] != ',' && value[i] != '{')) {
            return false;
        }
        long v = 0;
        for (int k = digitsStart; k <= digitsEnd; k++) {
            v = v * 10 + (value[k] - '0');
        }
        ts = v;
        return true;
    }

    private static int skipSpaceBack(byte[] b, int i) {
        while (i >= 0 && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i--;
        }
        return i;
    }

    private boolean parse(byte[] value, boolean wantTs, boolean wantMachine) {
        boolean haveTs = false;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                failure = SkipReason.NOT_JSON;
                return false;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (wantTs && !haveTs && "ts".equals(name)) {
                    haveTs = readTs(p, v);
                } else if (wantMachine && machine == null && "machine".equals(name)) {
                    machine = v.isScalarValue() && v != JsonToken.VALUE_NULL ? p.getValueAsString().trim() : null;
                    if (machine != null && machine.isEmpty()) {
                        machine = null;
                    }
                } else {
                    p.skipChildren();
                }
                if ((!wantTs || haveTs) && (!wantMachine || machine != null)) {
                    return true; // the rest of the event is not needed
                }
            }
            if (t != JsonToken.END_OBJECT) {
                failure = SkipReason.NOT_JSON;
                return false;
            }
        } catch (IOException e) {
            failure = SkipReason.NOT_JSON;
            return false;
        }
        failure = wantMachine && machine == null ? SkipReason.NO_MACHINE : SkipReason.NO_TS;
        return false;
    }

    private boolean readTs(JsonParser p, JsonToken v) throws IOException {
        switch (v) {
            case VALUE_NUMBER_INT:
                ts = p.getLongValue();
                return true;
            case VALUE_NUMBER_FLOAT:
                ts = (long) Math.floor(p.getDoubleValue());
                return true;
            case VALUE_STRING:
                try {
                    double d = Double.parseDouble(p.getText().trim());
                    ts = (long) Math.floor(d);
                    return Double.isFinite(d);
                } catch (NumberFormatException e) {
                    return false;
                }
            default:
                p.skipChildren();
                return false;
        }
    }
}
