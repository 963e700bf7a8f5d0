package dev.stophack.accesslog;

/**
 * Reads the bracketed time of an access-log line (the streaming job's parser, the producer's
 * pacing) without allocating: the seed's
 * {@code 2004-05-18 05:58:48} (also with {@code T}, and with an optional {@code +hhmm}) and
 * Apache's {@code 18/May/2004:05:58:48 +0000} (the zone optional). A time without a zone is UTC.
 * Every field is range-checked against the calendar, so {@code 2004-02-30} is refused.
 */
public final class LogTime {
    public static final long INVALID = Long.MIN_VALUE;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private LogTime() {
    }

    /** Unix seconds of the first {@code [time]} of a line, or {@link #INVALID}: what the producer paces by. */
    public static long ofLine(byte[] line, int length) {
        int open = -1;
        for (int i = 0; i < length; i++) {
            if (line[i] == '[') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return INVALID;
        }
        for (int i = open + 1; i < length; i++) {
            if (line[i] == ']') {
                return parse(line, open + 1, i);
            }
        }
        return INVALID;
    }

    /** Unix seconds of the time in {@code b[from, to)} (without the brackets), or {@link #INVALID}. */
    public static long parse(byte[] b, int from, int to) {
        int n = to - from;
        if (n >= 19 && b[from + 4] == '-') {
            return seed(b, from, to);
        }
        if (n >= 20 && b[from + 2] == '/') {
            return apache(b, from, to);
        }
        return INVALID;
    }

    private static long seed(byte[] b, int p, int to) {
        if (b[p + 7] != '-' || (b[p + 10] != ' ' && b[p + 10] != 'T') || b[p + 13] != ':' || b[p + 16] != ':') {
            return INVALID;
        }
        int year = digits(b, p, 4);
        int month = digits(b, p + 5, 2);
        int day = digits(b, p + 8, 2);
        return finish(b, year, month, day, p + 11, p + 19, to);
    }

    private static long apache(byte[] b, int p, int to) {
        if (b[p + 6] != '/' || b[p + 11] != ':' || b[p + 14] != ':' || b[p + 17] != ':') {
            return INVALID;
        }
        int day = digits(b, p, 2);
        int month = month(b, p + 3);
        int year = digits(b, p + 7, 4);
        return finish(b, year, month, day, p + 12, p + 20, to);
    }

    /** Time of day at {@code hms} ({@code HH:mm:ss}), then nothing or {@code " +hhmm"} from {@code rest}. */
    private static long finish(byte[] b, int year, int month, int day, int hms, int rest, int to) {
        int hour = digits(b, hms, 2);
        int minute = digits(b, hms + 3, 2);
        int second = digits(b, hms + 6, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        long offset = 0;
        if (rest != to) {
            if (to - rest != 6 || b[rest] != ' ' || (b[rest + 1] != '+' && b[rest + 1] != '-')) {
                return INVALID;
            }
            int hh = digits(b, rest + 2, 2);
            int mm = digits(b, rest + 4, 2);
            if (hh < 0 || hh > 23 || mm < 0 || mm > 59) {
                return INVALID;
            }
            offset = (b[rest + 1] == '-' ? -1 : 1) * (hh * 3600L + mm * 60L);
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offset;
    }

    /** The number in {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(byte[] b, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int month(byte[] b, int at) {
        for (int m = 0; m < 12; m++) {
            if (b[at] == MONTHS.charAt(3 * m) && b[at + 1] == MONTHS.charAt(3 * m + 1) && b[at + 2] == MONTHS.charAt(3 * m + 2)) {
                return m + 1;
            }
        }
        return -1;
    }

    static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date: whole 400-year eras, then the day of the era, counted from March so that leap days come last. */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}
