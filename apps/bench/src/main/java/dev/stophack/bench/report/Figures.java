package dev.stophack.bench.report;

import dev.stophack.api.bench.BenchGoal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How numbers read on the page and the console: as many digits as the spread of a shared machine makes worth reading. */
public final class Figures {
    private Figures() {
    }

    public static String number(double v) {
        double a = Math.abs(v);
        String format = a >= 1000 ? "%,.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, v);
    }

    /** "134,182 events/s (127,257-134,290, 3 runs)", or without the range for one run. */
    public static String stats(Stats s, String unit) {
        if (s == null) {
            return "-";
        }
        String median = number(s.median()) + " " + unit;
        return s.runs() < 2 ? median + " (1 run)"
                : median + " (" + number(s.min()) + "-" + number(s.max()) + ", " + s.runs() + " runs)";
    }

    public static String ratio(FigureRow row) {
        if (row.ratio() == null) {
            return "-";
        }
        String r = String.format(Locale.ROOT, "%.2fx", row.ratio());
        return row.ratioLow() == null ? r
                : r + String.format(Locale.ROOT, " (%.2f-%.2fx)", row.ratioLow(), row.ratioHigh());
    }

    public static String goal(BenchGoal goal, String unit) {
        if (goal == null) {
            return "-";
        }
        String sign = goal.atLeast() ? ">= " : "<= ";
        return BenchGoal.RATIO.equals(goal.on()) ? sign + String.format(Locale.ROOT, "%.2fx", goal.value())
                : sign + number(goal.value()) + " " + unit;
    }

    public static String met(Boolean met) {
        return met == null ? "-" : met ? "yes" : "no";
    }

    public static String runs(List<Double> values) {
        return values.isEmpty() ? "-" : values.stream().map(Figures::number).collect(Collectors.joining(", "));
    }

    public static String load(double load) {
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
    }
}
