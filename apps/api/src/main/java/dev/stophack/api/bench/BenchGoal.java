package dev.stophack.api.bench;

/**
 * A figure's goal: the ratio (stophack / reference) or stophack's own median, at least or at most
 * a value.
 *
 * @param on      {@code ratio} or {@code stophack}
 * @param atLeast true for "at least", false for "at most"
 * @param value   the bound, as a ratio or in the figure's unit
 */
public record BenchGoal(String on, boolean atLeast, double value) {
    public static final String RATIO = "ratio";
    public static final String STOPHACK = "stophack";

    public static BenchGoal ratioAtLeast(double value) {
        return new BenchGoal(RATIO, true, value);
    }

    public static BenchGoal ratioAtMost(double value) {
        return new BenchGoal(RATIO, false, value);
    }

    public static BenchGoal atMost(double value) {
        return new BenchGoal(STOPHACK, false, value);
    }

    public boolean met(double stophackMedian, double ratio) {
        double x = RATIO.equals(on) ? ratio : stophackMedian;
        return atLeast ? x >= value : x <= value;
    }
}
