package dev.stophack.training.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The input columns a model uses.
 *
 * @param numeric     double columns, imputed with the training median when null
 * @param categorical string columns, indexed and one-hot encoded; unseen values and nulls get their own slot
 */
public record FeatureSet(List<String> numeric, List<String> categorical) {
    public FeatureSet {
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        if (numeric.isEmpty() && categorical.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
    }

    /** Every column the fitted pipeline reads, in pipeline order. */
    public List<String> columns() {
        List<String> all = new ArrayList<>(numeric);
        all.addAll(categorical);
        return all;
    }
}
