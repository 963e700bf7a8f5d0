package dev.stophack.producer.weblog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads an access log line by line as bytes, exactly as written (no charset decoding, so a line
 * that is not UTF-8 reaches the streaming job as it is, to be dead-lettered there). The line end
 * ({@code \n} or {@code \r\n}) is dropped. Gzip input is recognised by its magic bytes, whatever
 * the file is called. The returned array is reused by the next call.
 */
public final class LogLines implements AutoCloseable {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final InputStream in;
    private final boolean gzip;
    /** Read ahead in big chunks: one call per 64 KB, not per byte. */
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[512];
    private int length;
    private long number;

    public LogLines(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int a = buffered.read();
        int b = buffered.read();
        buffered.reset();
        this.gzip = a == GZIP_MAGIC_1 && b == GZIP_MAGIC_2;
        this.in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    /** Whether the input was gzip-compressed. */
    public boolean gzip() {
        return gzip;
    }

    /** Reads the next line; false at the end of the input. */
    public boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            append(position, end);
            if (end < limit) {
                position = end + 1;
                break;
            }
            position = limit;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        number++;
        return true;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, from, line, length, n);
        length += n;
    }

    /** The current line's bytes, valid up to {@link #length()}. */
    public byte[] bytes() {
        return line;
    }

    public int length() {
        return length;
    }

    /** The current line's number, from 1. */
    public long number() {
        return number;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
