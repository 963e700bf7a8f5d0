package dev.stophack.training.features;

/**
 * How much one input column mattered in the selection fit, and whether it stays.
 *
 * @param column     the input column
 * @param importance its share of the forest's total importance (its one-hot slots added up); NaN when not fitted
 * @param kept       whether the model uses it
 * @param reason     why it was dropped or kept, in words
 */
public record FeatureRanking(String column, double importance, boolean kept, String reason) {
}
