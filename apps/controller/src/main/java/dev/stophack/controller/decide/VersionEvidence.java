package dev.stophack.controller.decide;

import java.util.Optional;

/**
 * What is known of one stored version when a rollout decides on it.
 *
 * @param version   N of {@code v<N>}
 * @param complete  its metrics.json is written: training finished it
 * @param saved     its Spark model is saved
 * @param f1        F1 on the held-out test split, NaN when unknown
 * @param auc       AUC on the held-out test split, NaN when unknown
 * @param probe     the probe-set result training recorded, if any
 */
public record VersionEvidence(int version, boolean complete, boolean saved, double f1, double auc, Optional<Probe> probe) {

    /** Whether a pointer may name it. */
    public boolean usable() {
        return complete && saved;
    }
}
