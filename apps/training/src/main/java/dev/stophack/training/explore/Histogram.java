package dev.stophack.training.explore;

/**
 * A numeric column's distribution per class on a signed log scale ({@code sign(x) log10(1 + |x|)}),
 * since atop's sizes and counts span many orders of magnitude.
 *
 * @param column  the column
 * @param low     the scaled value where bin 0 starts
 * @param width   the width of a bin on the scaled axis
 * @param attacks attack rows per bin
 * @param normals normal rows per bin
 */
public record Histogram(String column, double low, double width, long[] attacks, long[] normals) {

    public int bins() {
        return attacks.length;
    }

    /** Centre of bin {@code i} on the scaled axis. */
    public double centre(int i) {
        return low + (i + 0.5) * width;
    }

    /** The signed log scale used for the axis. */
    public static double scale(double x) {
        return Math.signum(x) * Math.log10(1 + Math.abs(x));
    }

    /** The bin of a scaled value, clamped into range. */
    public static int bin(double scaled, double low, double width, int bins) {
        if (width <= 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(bins - 1, Math.floor((scaled - low) / width)));
    }
}
