package dev.stophack.training.evaluate;

/**
 * Counts of a binary classifier's answers on labelled rows, attack (1) being the positive class.
 *
 * @param truePositives  attacks predicted as attacks
 * @param falsePositives normal rows predicted as attacks
 * @param trueNegatives  normal rows predicted as normal
 * @param falseNegatives attacks predicted as normal
 */
public record ConfusionMatrix(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public ConfusionMatrix {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    public long positives() {
        return truePositives + falseNegatives;
    }

    public long negatives() {
        return trueNegatives + falsePositives;
    }

    /** Share of all rows classified correctly; NaN without rows. */
    public double accuracy() {
        return ratio(truePositives + trueNegatives, total());
    }

    /** Of the rows predicted as attacks, the share that are attacks; NaN when none was predicted. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Of the attacks, the share found; NaN without attacks. */
    public double recall() {
        return ratio(truePositives, positives());
    }

    /** Harmonic mean of precision and recall; 0 when neither found anything, NaN when undefined. */
    public double f1() {
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return ratio(2 * truePositives, denominator);
    }

    /** Of the normal rows, the share wrongly flagged. */
    public double falsePositiveRate() {
        return ratio(falsePositives, negatives());
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
