package dev.stophack.controller.decide;

/**
 * What a candidate's shadow scoring saw so far, summed over the streaming job's batches.
 *
 * @param batches   batches that scored with both versions
 * @param scored    events both versions scored
 * @param disagreed events the two predicted differently
 */
public record ShadowTotals(long batches, long scored, long disagreed) {
    public static final ShadowTotals NONE = new ShadowTotals(0, 0, 0);

    /** Share of scored events the two predicted differently; 0 before any. */
    public double disagreement() {
        return scored == 0 ? 0 : (double) disagreed / scored;
    }
}
