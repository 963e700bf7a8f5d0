package dev.stophack.training;

import dev.stophack.training.evaluate.Algorithm;
import dev.stophack.training.features.FeatureSelection;
import dev.stophack.training.pipeline.Classifiers;
import dev.stophack.training.pipeline.ModelPipeline;
import dev.stophack.training.publish.VersionPublisher;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What the benchmark needs from this package: the command's version files, and a bare fit. */
public final class TrainingBench {
    private TrainingBench() {
    }

    public static VersionPublisher.Files files(TrainingJob.Trained trained, TrainingSettings settings) {
        return TrainCommand.files(trained, settings);
    }

    /** {@code Pipeline.fit} of the same pipeline the job fits, nothing else. */
    public static PipelineModel bareFit(TrainingJob job, Algorithm algorithm, FeatureSelection selection, Dataset<Row> train) {
        Classifiers classifiers = new Classifiers(job.settings().gbtIterations(), job.settings().seed());
        return ModelPipeline.build(selection.features(), classifiers.create(algorithm)).fit(train);
    }
}
