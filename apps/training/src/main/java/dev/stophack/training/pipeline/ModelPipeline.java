package dev.stophack.training.pipeline;

import dev.stophack.training.data.LabelledEvents;
import dev.stophack.training.features.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;

/**
 * The pipeline of every stophack model: Imputer → StringIndexer → OneHotEncoder → VectorAssembler
 * → StandardScaler → classifier. The Imputer and {@code handleInvalid = keep} are what let the
 * streaming job feed it raw-normalised events: a null number gets the training median, and an
 * unseen or null category gets its own slot instead of failing the batch.
 */
public final class ModelPipeline {
    public static final String RAW_FEATURES = "features_raw";
    public static final String FEATURES = "features";
    public static final String PREDICTION = "prediction";
    public static final String PROBABILITY = "probability";
    public static final String RAW_PREDICTION = "rawPrediction";

    private ModelPipeline() {
    }

    public static String filled(String column) {
        return column + "_filled";
    }

    public static String indexed(String column) {
        return column + "_idx";
    }

    public static String encoded(String column) {
        return column + "_vec";
    }

    /** The feature stages followed by {@code classifier}. */
    public static Pipeline build(FeatureSet features, PipelineStage classifier) {
        List<PipelineStage> stages = new ArrayList<>(featureStages(features));
        stages.add(classifier);
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }

    /** The stages that turn the input columns into {@link #FEATURES}. */
    public static List<PipelineStage> featureStages(FeatureSet features) {
        List<PipelineStage> stages = new ArrayList<>();
        List<String> assembled = new ArrayList<>();
        if (!features.numeric().isEmpty()) {
            String[] in = features.numeric().toArray(String[]::new);
            String[] out = features.numeric().stream().map(ModelPipeline::filled).toArray(String[]::new);
            stages.add(new Imputer().setStrategy("median").setInputCols(in).setOutputCols(out));
            assembled.addAll(List.of(out));
        }
        if (!features.categorical().isEmpty()) {
            String[] in = features.categorical().toArray(String[]::new);
            String[] idx = features.categorical().stream().map(ModelPipeline::indexed).toArray(String[]::new);
            String[] vec = features.categorical().stream().map(ModelPipeline::encoded).toArray(String[]::new);
            stages.add(new StringIndexer().setInputCols(in).setOutputCols(idx)
                    .setHandleInvalid("keep").setStringOrderType("frequencyDesc"));
            stages.add(new OneHotEncoder().setInputCols(idx).setOutputCols(vec).setHandleInvalid("keep"));
            assembled.addAll(List.of(vec));
        }
        stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new))
                .setOutputCol(RAW_FEATURES).setHandleInvalid("keep"));
        stages.add(new StandardScaler().setInputCol(RAW_FEATURES).setOutputCol(FEATURES)
                .setWithMean(false).setWithStd(true));
        return stages;
    }

    /** The label column every classifier fits on. */
    public static String label() {
        return LabelledEvents.LABEL;
    }
}
