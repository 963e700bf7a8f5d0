package dev.stophack.training.evaluate;

import java.util.Map;

/**
 * One fitted classifier and how it did on the test split.
 *
 * @param algorithm  which classifier
 * @param params     the hyper-parameters it was fitted with (after any grid search)
 * @param confusion  its answers on the test split
 * @param roc        its ROC curve on the test split
 * @param fitSeconds wall time of fitting (grid search included)
 */
public record Candidate(Algorithm algorithm, Map<String, Object> params, ConfusionMatrix confusion, RocCurve roc,
                        double fitSeconds) {

    public double f1() {
        return confusion.f1();
    }

    public double auc() {
        return roc.auc();
    }
}
