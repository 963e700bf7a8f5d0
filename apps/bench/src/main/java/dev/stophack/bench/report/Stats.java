package dev.stophack.bench.report;

import java.util.List;

/**
 * The measured runs of one contender: median, and the range as the spread (a shared machine
 * moves single runs far more than a median).
 */
public record Stats(double median, double min, double max, int runs) {
    /** Null when there are no runs. */
    public static Stats of(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }

    /** The range as a share of the median, in percent; 0 for a single run or a zero median. */
    public double spreadPercent() {
        return runs < 2 || median == 0 ? 0 : 100 * (max - min) / Math.abs(median);
    }
}
