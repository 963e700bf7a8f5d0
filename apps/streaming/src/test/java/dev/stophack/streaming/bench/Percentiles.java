package dev.stophack.streaming.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles by the nearest rank: the value below which {@code p} percent of the values lie, one of the values itself. */
final class Percentiles {
    private final double[] sorted;

    Percentiles(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take percentiles of");
        }
        sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The smallest value with at least {@code p} percent of the values at or below it (0 < p <= 100). */
    double at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    int count() {
        return sorted.length;
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
