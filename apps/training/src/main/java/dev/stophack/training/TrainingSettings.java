package dev.stophack.training;

import dev.stophack.api.events.EventKind;
import dev.stophack.training.evaluate.Algorithm;
import java.util.List;

/**
 * What one {@code stophack train} run does.
 *
 * @param dataDir        directory or {@code s3a://} prefix holding the training CSVs
 * @param files          file name per kind, in the order trained
 * @param algorithms     the classifiers to fit
 * @param chooseBest     compare them and keep the best (F1, then AUC); false when one was named
 * @param seed           seed of the split, the rebalancing and every classifier
 * @param testFraction   share of rows held out for evaluation
 * @param folds          cross-validation folds of the grid search; below 2 means no grid
 * @param gbtIterations  boosting rounds of GBT
 * @param commandLine    the command as typed, recorded in the report for reproduction
 */
public record TrainingSettings(String dataDir, List<KindFile> files, List<Algorithm> algorithms, boolean chooseBest,
                               long seed, double testFraction, int folds, int gbtIterations, String commandLine) {

    /** One kind and the file it trains on. */
    public record KindFile(EventKind kind, String fileName) {
    }

    public TrainingSettings {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be between 0 and 1, got " + testFraction);
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no algorithm to fit");
        }
        if (gbtIterations < 1) {
            throw new IllegalArgumentException("--gbt-iterations must be at least 1");
        }
        files = List.copyOf(files);
        algorithms = List.copyOf(algorithms);
    }

    /** {@code DIR/NAME} or {@code s3a://bucket/prefix/NAME}. */
    public String fileUri(KindFile file) {
        return dataDir.endsWith("/") ? dataDir + file.fileName() : dataDir + "/" + file.fileName();
    }
}
