package dev.stophack.generate;

/** Writes numbers the way atop prints them: plain below 10000, then K, M, G with few digits. */
final class AtopFormat {
    private AtopFormat() {
    }

    /** A size or count: {@code 840}, {@code 2.5K}, {@code 540K}, {@code 12.0M}, {@code 1.2G}, {@code -3.5M}. */
    static void size(StringBuilder out, double value) {
        double a = Math.abs(value);
        if (a < 10_000) {
            out.append(Math.round(value));
            return;
        }
        if (value < 0) {
            out.append('-');
        }
        char unit;
        double scaled;
        if (a < 1e6) {
            unit = 'K';
            scaled = a / 1e3;
        } else if (a < 1e9) {
            unit = 'M';
            scaled = a / 1e6;
        } else {
            unit = 'G';
            scaled = a / 1e9;
        }
        if (scaled < 100) {
            oneDecimal(out, scaled);
        } else {
            out.append(Math.round(scaled));
        }
        out.append(unit);
    }

    /** A percentage or ratio with at most two decimals, trailing zeros dropped. */
    static void decimal(StringBuilder out, double value) {
        long hundredths = Math.round(value * 100);
        if (hundredths < 0) {
            out.append('-');
            hundredths = -hundredths;
        }
        out.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            out.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                out.append(frac % 10);
            }
        }
    }

    private static void oneDecimal(StringBuilder out, double value) {
        long tenths = Math.round(value * 10);
        out.append(tenths / 10).append('.').append(tenths % 10);
    }
}
