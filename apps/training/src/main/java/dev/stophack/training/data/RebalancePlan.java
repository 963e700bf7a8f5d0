package dev.stophack.training.data;

/**
 * How many rows of each class to keep so that attack:normal becomes 1:{@code normalsPerAttack},
 * by downsampling whichever class is over-represented and keeping every row of the other.
 *
 * @param attacks rows labelled attack to keep
 * @param normals rows labelled normal to keep
 */
public record RebalancePlan(long attacks, long normals) {
    /** The ratio of the original project: one attack row for every two normal rows. */
    public static final double NORMALS_PER_ATTACK = 2.0;

    public static RebalancePlan of(long attacksPresent, long normalsPresent) {
        return of(attacksPresent, normalsPresent, NORMALS_PER_ATTACK);
    }

    public static RebalancePlan of(long attacksPresent, long normalsPresent, double normalsPerAttack) {
        if (attacksPresent < 0 || normalsPresent < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (!(normalsPerAttack > 0)) {
            throw new IllegalArgumentException("the ratio must be positive");
        }
        if (attacksPresent == 0 || normalsPresent == 0) {
            return new RebalancePlan(attacksPresent, normalsPresent); // nothing to balance against
        }
        long normalsWanted = Math.round(attacksPresent * normalsPerAttack);
        if (normalsPresent >= normalsWanted) {
            return new RebalancePlan(attacksPresent, normalsWanted);
        }
        // too few normal rows: keep them all and thin out the attacks instead
        long attacksWanted = Math.max(1, Math.round(normalsPresent / normalsPerAttack));
        return new RebalancePlan(Math.min(attacksPresent, attacksWanted), normalsPresent);
    }

    public long total() {
        return attacks + normals;
    }
}
