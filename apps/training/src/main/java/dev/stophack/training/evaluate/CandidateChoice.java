package dev.stophack.training.evaluate;

import java.util.Comparator;
import java.util.List;

/** Picks the candidate to publish: the highest F1 on the attack class, then the highest AUC. */
public final class CandidateChoice {
    private static final Comparator<Candidate> BETTER = Comparator
            .comparingDouble((Candidate c) -> orWorst(c.f1()))
            .thenComparingDouble(c -> orWorst(c.auc()));

    private CandidateChoice() {
    }

    public static Candidate best(List<Candidate> candidates) {
        return candidates.stream().max(BETTER)
                .orElseThrow(() -> new IllegalArgumentException("no candidate to choose from"));
    }

    private static double orWorst(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}
