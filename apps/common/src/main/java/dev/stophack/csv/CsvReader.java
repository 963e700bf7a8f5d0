package dev.stophack.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, fast RFC 4180 reader driven by the header row: columns are found by name, in any
 * order. Handles quoted fields (with commas, doubled quotes and line breaks), blank cells,
 * CRLF or LF line ends and a UTF-8 byte-order mark.
 */
public final class CsvReader implements Closeable {
    private static final int BOM = '\uFEFF';

    private final Reader in;
    private final String source;
    private final CsvHeader header;
    private final StringBuilder field = new StringBuilder(32);
    private final List<String> fields = new ArrayList<>(24);
    private long line = 1;
    private long recordLine;
    private int pushedBack = -2;

    private CsvReader(Reader in, String source) throws IOException {
        this.in = in;
        this.source = source;
        int first = read();
        if (first != BOM) {
            pushedBack = first;
        }
        String[] names = next();
        if (names == null) {
            throw new CsvException(source + ": the file is empty (no header row)");
        }
        this.header = new CsvHeader(source, names);
    }

    /** Opens a UTF-8 file. A missing file is a {@link CsvException} naming it. */
    public static CsvReader open(Path file) throws IOException {
        try {
            return of(Files.newInputStream(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new CsvException(file + ": no such file");
        }
    }

    /** Reads UTF-8 CSV from a stream; {@code source} names it in errors. */
    public static CsvReader of(InputStream in, String source) throws IOException {
        return new CsvReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), source);
    }

    public static CsvReader of(Reader in, String source) throws IOException {
        return new CsvReader(in instanceof BufferedReader ? in : new BufferedReader(in, 1 << 16), source);
    }

    public CsvHeader header() {
        return header;
    }

    /** Where the rows come from, for messages. */
    public String source() {
        return source;
    }

    /** The line on which the record last returned by {@link #next()} starts (1-based). */
    public long recordLine() {
        return recordLine;
    }

    /**
     * The next record's fields, or {@code null} at the end. A record may have more or fewer
     * fields than the header; callers decide what that means. Blank lines are skipped.
     */
    public String[] next() throws IOException {
        while (true) {
            fields.clear();
            field.setLength(0);
            recordLine = line;
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    skipLf();
                }
                line++;
                continue; // blank line
            }
            boolean quoted = false;
            boolean inQuotes = false;
            while (true) {
                if (inQuotes) {
                    if (c == -1) {
                        throw new CsvException(source + ":" + recordLine + ": a quoted field is never closed");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            inQuotes = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == ',' ) {
                    fields.add(field.toString());
                    field.setLength(0);
                    quoted = false;
                } else if (c == '\n' || c == '\r' || c == -1) {
                    if (c == '\r') {
                        skipLf();
                    }
                    if (c != -1) {
                        line++;
                    }
                    fields.add(field.toString());
                    return fields.toArray(new String[0]);
                } else if (c == '"' && field.length() == 0 && !quoted) {
                    inQuotes = true;
                    quoted = true;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }

    private void skipLf() throws IOException {
        int d = read();
        if (d != '\n') {
            pushedBack = d;
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
