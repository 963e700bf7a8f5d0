package dev.stophack.generate.weblog;

import java.util.Locale;

/**
 * How the generator writes a line. All three are read by the streaming job; they differ in the
 * time stamp and in the two trailing fields of Apache's combined format.
 *
 * <pre>
 * seed      168.178.113.108 - - [2004-05-18 05:58:48] "GET /Archives/edgar/data/1439124/000129281422000854/ HTTP/1.0" 500 14101
 * common    168.178.113.108 - - [18/May/2004:05:58:48 +0000] "GET /Archives/... HTTP/1.0" 500 14101
 * combined  the common line, then "referer" "user agent"
 * </pre>
 */
public enum LineFormat {
    SEED, COMMON, COMBINED;

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    public static LineFormat of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a log format: seed, common or combined");
        }
    }

    /** The bracketed time of {@code epochSecond} (UTC) in this format, brackets included. */
    public String time(long epochSecond) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(30).append('[');
        if (this == SEED) {
            b.append(t.getYear()).append('-');
            two(b, t.getMonthValue()).append('-');
            two(b, t.getDayOfMonth()).append(' ');
        } else {
            two(b, t.getDayOfMonth()).append('/').append(MONTHS[t.getMonthValue() - 1]).append('/').append(t.getYear()).append(':');
        }
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        return b.append(this == SEED ? "]" : " +0000]").toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
