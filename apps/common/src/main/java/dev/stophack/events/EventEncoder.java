package dev.stophack.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns one CSV row into the Kafka value of DESIGN.md: a JSON object with the kind's columns
 * under their TON_IoT names plus {@code ts}. A value that is a plain JSON number travels as a
 * number; anything else ({@code 2.5K}, {@code " 12M"}, {@code -}, a blank) as the string the
 * CSV has, so the streaming job sees exactly what the machine reported.
 *
 * <p>One encoder per thread: it reuses its buffer.
 */
public final class EventEncoder {
    private static final JsonFactory JSON = new JsonFactory();

    private final EventKind kind;
    private final String[] names;
    private final int[] positions;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    /** Columns are looked up in {@code header}; a missing one fails here, naming it. */
    public EventEncoder(EventKind kind, CsvHeader header) {
        this.kind = kind;
        this.names = kind.columns().toArray(String[]::new);
        this.positions = header.require(kind.columns());
    }

    public EventKind kind() {
        return kind;
    }

    /** Position of the {@code machine} column in the CSV row. */
    public int machinePosition() {
        return positions[1];
    }

    /** The JSON value for {@code row}, stamped with event time {@code ts} (Unix seconds). */
    public byte[] encode(String[] row, long ts) {
        buffer.reset();
        try (JsonGenerator g = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                int p = positions[i];
                String v = p < row.length ? row[p] : "";
                g.writeFieldName(names[i]);
                if (isJsonNumber(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeString(v);
                }
            }
            g.writeNumberField(EventKind.TS, ts);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on an in-memory buffer
        }
        return buffer.toByteArray();
    }

    /** Whether {@code s} is a number by JSON's grammar (so "007", "1." and " 3" are not). */
    static boolean isJsonNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i == n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
