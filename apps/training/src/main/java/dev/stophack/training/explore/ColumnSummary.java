package dev.stophack.training.explore;

/**
 * A numeric column over the labelled rows.
 *
 * @param column     the column
 * @param values     rows with a value
 * @param nulls      rows without one (unreadable or blank)
 * @param mean       mean over all rows with a value
 * @param stddev     sample standard deviation
 * @param min        smallest value
 * @param max        largest value
 * @param meanAttack mean over attack rows
 * @param meanNormal mean over normal rows
 */
public record ColumnSummary(String column, long values, long nulls, double mean, double stddev, double min, double max,
                            double meanAttack, double meanNormal) {

    /** No value at all, or the same value everywhere: it cannot separate anything. */
    public boolean constant() {
        return values == 0 || min == max;
    }
}
