package dev.stophack.streaming.weblog.parse;

import dev.stophack.accesslog.LogTime;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Reads one access-log line, as the {@code weblog} topic carries it, into a {@link ParsedLine}:
 *
 * <pre>
 * host ident user [time] "request" status bytes ["referer" "user agent"]
 * </pre>
 *
 * in the seed's variant ({@code [2004-05-18 05:58:48]}) and in Apache's common and combined
 * formats ({@code [18/May/2004:05:58:48 +0000]}). One pass over the bytes, no regular expression,
 * no allocation for an ordinary line. The request is split into method, path and protocol when it
 * is {@code METHOD TARGET [HTTP/x]}; otherwise (a {@code "-"}, a TLS handshake on a plain port)
 * the line still counts, with those three null. {@code \"} and {@code \\} in a quoted field are
 * unescaped; Apache's {@code \xhh} stays as written. {@code -} for bytes is 0, for referer or user
 * agent null. Fields after the user agent (custom formats) are ignored. Anything else that does
 * not fit is a {@link LineReason}. Not thread-safe: one parser per task.
 */
public final class AccessLogParser implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Longest client field: a DNS name is at most 253 characters, an IPv6 address with zone far less. */
    static final int MAX_HOST = 255;
    /** Longest quote of the line in a reason. */
    private static final int QUOTE = 40;

    private final long maxFutureSeconds;
    private transient ParsedLine line;

    /** @param maxFutureSeconds how far after its Kafka timestamp a line's time may lie */
    public AccessLogParser(long maxFutureSeconds) {
        if (maxFutureSeconds < 0) {
            throw new IllegalArgumentException("the future tolerance cannot be negative");
        }
        this.maxFutureSeconds = maxFutureSeconds;
    }

    /**
     * Reads {@code value}; {@code kafkaMillis} is the record's Kafka timestamp (negative: none).
     * The result is reused by the next call.
     */
    public ParsedLine parse(byte[] value, long kafkaMillis) {
        if (line == null) {
            line = new ParsedLine();
        }
        line.reset();
        if (value == null) {
            line.fail(LineReason.EMPTY, "null value");
            return line;
        }
        read(value, kafkaMillis);
        return line;
    }

    private void read(byte[] b, long kafkaMillis) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
            end--; // a line end the sender left on
        }
        boolean blank = true;
        boolean high = false;
        for (int i = 0; i < end; i++) {
            byte c = b[i];
            high |= c < 0;
            blank &= c == ' ' || c == '\t';
        }
        if (blank) {
            line.fail(LineReason.EMPTY, end == 0 ? "empty line" : "blank line");
            return;
        }
        if (high && !Utf8Check.valid(b, 0, end)) {
            line.fail(LineReason.NOT_UTF8, "invalid UTF-8");
            return;
        }
        int p = host(b, end);
        if (p < 0) {
            return;
        }
        p = time(b, p, end, kafkaMillis);
        if (p < 0) {
            return;
        }
        p = request(b, p, end);
        if (p < 0) {
            return;
        }
        p = statusAndBytes(b, p, end);
        if (p < 0) {
            return;
        }
        trailer(b, p, end);
    }

    /** The client, up to the first space; returns where the ident field starts, or -1. */
    private int host(byte[] b, int end) {
        int sp = indexOf(b, (byte) ' ', 0, end);
        if (sp < 0) {
            line.fail(LineReason.TRUNCATED, "nothing after the host");
            return -1;
        }
        if (sp == 0) {
            line.fail(LineReason.BAD_HOST, "empty host");
            return -1;
        }
        if (sp > MAX_HOST) {
            line.fail(LineReason.BAD_HOST, "host of " + sp + " characters");
            return -1;
        }
        for (int i = 0; i < sp; i++) {
            byte c = b[i];
            boolean name = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == ':' || c == '-' || c == '_' || c == '%';
            if (!name) {
                line.fail(LineReason.BAD_HOST, quote(b, 0, sp));
                return -1;
            }
        }
        line.set(ParsedLine.HOST, b, 0, sp);
        return sp + 1;
    }

    /** Skips ident and user, reads {@code [time]}; returns the position after {@code ]}, or -1. */
    private int time(byte[] b, int p, int end, long kafkaMillis) {
        int open = indexOf(b, (byte) '[', p, end);
        if (open < 0) {
            line.fail(LineReason.TRUNCATED, "no [time]");
            return -1;
        }
        if (open == p || b[open - 1] != ' ' || indexOf(b, (byte) '"', p, open) >= 0) {
            line.fail(LineReason.BAD_FORMAT, "expected 'host ident user [time]', got " + quote(b, 0, open + 1));
            return -1;
        }
        int close = indexOf(b, (byte) ']', open + 1, end);
        if (close < 0) {
            line.fail(LineReason.TRUNCATED, "no ] after the time");
            return -1;
        }
        long seconds = LogTime.parse(b, open + 1, close);
        if (seconds == LogTime.INVALID) {
            line.fail(LineReason.BAD_TIME, quote(b, open, close + 1));
            return -1;
        }
        if (kafkaMillis >= 0 && seconds > Math.floorDiv(kafkaMillis, 1000L) + maxFutureSeconds) {
            line.fail(LineReason.FUTURE_TIME, quote(b, open, close + 1) + " is more than " + maxFutureSeconds
                    + " s after the record's Kafka time " + java.time.Instant.ofEpochMilli(kafkaMillis));
            return -1;
        }
        line.epochSecond = seconds;
        return close + 1;
    }

    /** {@code "request"} after one space; returns the position after the closing quote, or -1. */
    private int request(byte[] b, int p, int end) {
        if (p + 1 >= end) {
            line.fail(LineReason.TRUNCATED, "nothing after the time");
            return -1;
        }
        if (b[p] != ' ' || b[p + 1] != '"') {
            line.fail(LineReason.BAD_REQUEST, "the request is not quoted: " + quote(b, p, end));
            return -1;
        }
        int close = closingQuote(b, p + 2, end);
        if (close < 0) {
            line.fail(LineReason.TRUNCATED, "the request has no closing quote");
            return -1;
        }
        byte[] r = b;
        int from = p + 2;
        int to = close;
        if (hasBackslash(b, from, to)) {
            r = unescape(b, from, to);
            from = 0;
            to = r.length;
        }
        splitRequest(r, from, to);
        return close + 1;
    }

    /** {@code METHOD TARGET [HTTP/x.y]} into its columns; anything else leaves them null. */
    private void splitRequest(byte[] r, int from, int to) {
        int sp = indexOf(r, (byte) ' ', from, to);
        if (sp <= from || sp - from > 32) {
            return;
        }
        for (int i = from; i < sp; i++) {
            byte c = r[i];
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
                return; // not a method: garbage such as a TLS handshake
            }
        }
        int target = sp + 1;
        int last = lastIndexOf(r, (byte) ' ', target, to);
        int targetEnd = to;
        if (last >= target && to - last > 5 && r[last + 1] == 'H' && r[last + 2] == 'T' && r[last + 3] == 'T'
                && r[last + 4] == 'P' && r[last + 5] == '/') {
            line.set(ParsedLine.PROTOCOL, r, last + 1, to);
            targetEnd = last;
        }
        if (targetEnd <= target) {
            line.lengths[ParsedLine.PROTOCOL] = -1;
            return;
        }
        line.set(ParsedLine.METHOD, r, from, sp);
        line.set(ParsedLine.PATH, r, target, targetEnd);
    }

    /** {@code status bytes} after one space; returns the position after bytes, or -1. */
    private int statusAndBytes(byte[] b, int p, int end) {
        if (p + 1 >= end || b[p] != ' ') {
            line.fail(p >= end ? LineReason.TRUNCATED : LineReason.BAD_FORMAT, p >= end ? "no status after the request"
                    : "expected a space after the request, got " + quote(b, p, end));
            return -1;
        }
        int s = p + 1;
        int sEnd = tokenEnd(b, s, end);
        int status = sEnd - s == 3 ? (int) number(b, s, sEnd) : -1;
        if (status < 100 || status > 599) {
            line.fail(LineReason.BAD_STATUS, quote(b, s, sEnd));
            return -1;
        }
        line.status = status;
        if (sEnd + 1 >= end) {
            line.fail(LineReason.TRUNCATED, "no bytes after the status");
            return -1;
        }
        int y = sEnd + 1;
        int yEnd = tokenEnd(b, y, end);
        if (yEnd - y == 1 && b[y] == '-') {
            line.bytes = 0;
        } else {
            long bytes = yEnd - y > 18 ? -1 : number(b, y, yEnd);
            if (bytes < 0) {
                line.fail(LineReason.BAD_BYTES, quote(b, y, yEnd));
                return -1;
            }
            line.bytes = bytes;
        }
        return yEnd;
    }

    /** The combined format's {@code "referer" "user agent"}, if they are there; fields after them are ignored. */
    private void trailer(byte[] b, int p, int end) {
        p = optionalQuoted(b, p, end, ParsedLine.REFERER, "the referer");
        if (p > 0) {
            optionalQuoted(b, p, end, ParsedLine.USER_AGENT, "the user agent");
        }
    }

    /** A quoted field after one space, into {@code field}; returns the position after it, 0 if absent, -1 on failure. */
    private int optionalQuoted(byte[] b, int p, int end, int field, String what) {
        if (p + 1 >= end || b[p] != ' ' || b[p + 1] != '"') {
            return 0;
        }
        int close = closingQuote(b, p + 2, end);
        if (close < 0) {
            line.fail(LineReason.TRUNCATED, what + " has no closing quote");
            return -1;
        }
        int from = p + 2;
        if (!(close - from == 1 && b[from] == '-')) {
            if (hasBackslash(b, from, close)) {
                byte[] u = unescape(b, from, close);
                line.set(field, u, 0, u.length);
            } else {
                line.set(field, b, from, close);
            }
        }
        return close + 1;
    }

    /** The position of the quote that closes a field starting at {@code from} ({@code \"} does not), or -1. */
    private static int closingQuote(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasBackslash(byte[] b, int from, int to) {
        return indexOf(b, (byte) '\\', from, to) >= 0;
    }

    /** {@code \"} becomes {@code "} and {@code \\} becomes {@code \}; other escapes stay as written. */
    private static byte[] unescape(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\' && i + 1 < to && (b[i + 1] == '"' || b[i + 1] == '\\')) {
                i++;
            }
            out[n++] = b[i];
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int tokenEnd(byte[] b, int from, int end) {
        int sp = indexOf(b, (byte) ' ', from, end);
        return sp < 0 ? end : sp;
    }

    /** The whole number in {@code b[from, to)}, or -1 when it is empty or has a non-digit. */
    private static long number(byte[] b, int from, int to) {
        if (to <= from) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Part of the line for a reason: quoted, at most {@value #QUOTE} characters. */
    private static String quote(byte[] b, int from, int to) {
        int n = Math.min(to - from, QUOTE);
        String s = new String(b, from, Math.max(0, n), StandardCharsets.UTF_8);
        return "\"" + s + (to - from > QUOTE ? "...\"" : "\"");
    }
}
