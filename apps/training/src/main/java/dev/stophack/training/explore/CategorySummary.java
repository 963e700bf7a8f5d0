package dev.stophack.training.explore;

import java.util.List;

/**
 * A categorical column over the labelled rows.
 *
 * @param column   the column
 * @param distinct distinct non-null values
 * @param nulls    rows without a value
 * @param top      the most frequent values with their counts per class, most frequent first
 */
public record CategorySummary(String column, long distinct, long nulls, List<ValueCount> top) {

    /** One value of a categorical column and how often it comes with each class. */
    public record ValueCount(String value, long attacks, long normals) {
        public long total() {
            return attacks + normals;
        }
    }

    public boolean constant() {
        return distinct <= 1;
    }
}
