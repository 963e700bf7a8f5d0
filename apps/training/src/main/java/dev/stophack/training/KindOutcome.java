package dev.stophack.training;

import dev.stophack.api.events.EventKind;
import dev.stophack.training.data.DataQuality;
import dev.stophack.training.data.Rebalancer.ClassCounts;
import dev.stophack.training.evaluate.Candidate;
import dev.stophack.training.explore.Exploration;
import dev.stophack.training.features.FeatureSelection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one kind's training found and decided, from which metrics.json and report.md are
 * written.
 *
 * @param kind        process or memory
 * @param fileUri     the training file
 * @param quality     rows, unreadable values, fingerprint
 * @param exploration the exploration of the labelled rows
 * @param steps       class counts at each step: labelled, train, test, train rebalanced, test rebalanced
 * @param selection   the feature selection
 * @param candidates  every fitted classifier, in fitting order
 * @param chosen      the one published
 * @param trainedAt   when training finished
 */
public record KindOutcome(EventKind kind, String fileUri, DataQuality quality, Exploration exploration,
                          Map<String, ClassCounts> steps, FeatureSelection selection, List<Candidate> candidates,
                          Candidate chosen, Instant trainedAt) {
    public static final String LABELLED = "labelled";
    public static final String TRAIN = "train";
    public static final String TEST = "test";
    public static final String TRAIN_REBALANCED = "train 1:2";
    public static final String TEST_REBALANCED = "test 1:2";

    public long trainingRows() {
        return steps.get(TRAIN_REBALANCED).total();
    }
}
