package dev.stophack.normalise;

/**
 * Normalises one raw atop/TON_IoT value to a number: the single definition of the rule.
 *
 * <p>Spaces anywhere are ignored; an optional sign and a decimal number may be followed by a
 * unit: {@code K} = x1e3, {@code M} = x1e6, {@code G} = x1e9, {@code T} = x1e12 (any case),
 * {@code B} = bytes (x1) and {@code %} (x1). So {@code "2.5K"} is 2500, {@code " 3 K"} is 3000
 * and {@code "-3.5M"} is -3500000 (growth can be negative).
 *
 * <p>Nothing here throws on bad input: an unreadable value becomes {@link Result#ok()} false
 * with a reason. The streaming job's Spark expression mirrors this rule and is tested against
 * the same cases.
 */
public final class RawNumber {

    /** A blank cell: finished processes have no sizes. */
    public static final String BLANK = "blank";
    /** atop prints {@code -} where a value is not available. */
    public static final String NOT_AVAILABLE = "not available";
    /** atop prints {@code OVFLOW} when a value does not fit its column. */
    public static final String OVERFLOW = "overflow";
    /** Anything else that is not a number with an optional unit. */
    public static final String UNPARSEABLE = "unparseable";

    private RawNumber() {
    }

    /** A normalised value, or the reason there is none. */
    public record Result(double value, String reason) {
        public boolean ok() {
            return reason == null;
        }

        /** The value, or {@code null} when the raw text was unreadable. */
        public Double valueOrNull() {
            return ok() ? value : null;
        }
    }

    /** Normalises {@code raw}, saying why when it cannot. */
    public static Result parse(String raw) {
        double v = value(raw);
        if (!Double.isNaN(v)) {
            return new Result(v, null);
        }
        return new Result(Double.NaN, reasonFor(raw));
    }

    /**
     * The fast path for hot loops: the normalised value, or {@code NaN} when unreadable.
     * No allocation, no regular expression.
     */
    public static double value(CharSequence raw) {
        if (raw == null) {
            return Double.NaN;
        }
        int n = raw.length();
        int i = skipSpaces(raw, 0, n);
        if (i == n) {
            return Double.NaN;
        }
        boolean negative = false;
        char c = raw.charAt(i);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i = skipSpaces(raw, i + 1, n);
        }
        long mantissa = 0;
        int fractionDigits = 0;
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    if (dot) {
                        fractionDigits++;
                    }
                } else if (!dot) {
                    return Double.NaN; // more integer digits than a long holds: not an atop value
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else if (!Character.isWhitespace(c)) {
                break;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double multiplier = 1;
        if (i < n) {
            multiplier = unit(raw.charAt(i));
            if (multiplier == 0) {
                return Double.NaN;
            }
            i = skipSpaces(raw, i + 1, n);
            if (i != n) {
                return Double.NaN;
            }
        }
        // Multiply before dividing: both are exact integers, so 1.2G comes out as exactly 1.2e9.
        double v = mantissa * multiplier / POWERS_OF_TEN[fractionDigits];
        return negative ? -v : v;
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18
    };

    private static double unit(char c) {
        switch (c) {
            case 'K': case 'k': return 1e3;
            case 'M': case 'm': return 1e6;
            case 'G': case 'g': return 1e9;
            case 'T': case 't': return 1e12;
            case 'B': case 'b': case '%': return 1;
            default: return 0;
        }
    }

    private static int skipSpaces(CharSequence s, int from, int n) {
        int i = from;
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String reasonFor(String raw) {
        if (raw == null || raw.isBlank()) {
            return BLANK;
        }
        String t = raw.strip();
        if (t.equals("-")) {
            return NOT_AVAILABLE;
        }
        if (t.equalsIgnoreCase("OVFLOW")) {
            return OVERFLOW;
        }
        return UNPARSEABLE;
    }
}
