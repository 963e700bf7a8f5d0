package dev.stophack.training.pipeline;

import dev.stophack.training.evaluate.Algorithm;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.param.ParamMap;

/**
 * The classifiers with their hyper-parameters, and the small grid a cross-validation searches.
 *
 * @param gbtIterations boosting rounds of GBT (the main cost of a GBT fit)
 * @param seed          seed of every randomised step
 */
public record Classifiers(int gbtIterations, long seed) {
    private static final int MAX_BINS = 64;

    /** The hyper-parameters used when there is no grid search. */
    public Map<String, Object> defaults(Algorithm algorithm) {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (algorithm) {
            case DT -> {
                p.put("maxDepth", 10);
                p.put("minInstancesPerNode", 5);
            }
            case GBT -> {
                p.put("maxIter", gbtIterations);
                p.put("maxDepth", 5);
                p.put("stepSize", 0.2);
            }
            case RF -> {
                p.put("numTrees", 40);
                p.put("maxDepth", 10);
                p.put("subsamplingRate", 0.8);
            }
        }
        p.put("maxBins", MAX_BINS);
        return p;
    }

    /** A classifier set to {@link #defaults}. */
    @SuppressWarnings("rawtypes")
    public ProbabilisticClassifier create(Algorithm algorithm) {
        Map<String, Object> p = defaults(algorithm);
        ProbabilisticClassifier c = switch (algorithm) {
            case DT -> new DecisionTreeClassifier()
                    .setMaxDepth((int) p.get("maxDepth"))
                    .setMinInstancesPerNode((int) p.get("minInstancesPerNode"))
                    .setMaxBins(MAX_BINS)
                    .setSeed(seed);
            case GBT -> new GBTClassifier()
                    .setMaxIter((int) p.get("maxIter"))
                    .setMaxDepth((int) p.get("maxDepth"))
                    .setStepSize((double) p.get("stepSize"))
                    .setMaxBins(MAX_BINS)
                    .setSeed(seed);
            case RF -> new RandomForestClassifier()
                    .setNumTrees((int) p.get("numTrees"))
                    .setMaxDepth((int) p.get("maxDepth"))
                    .setSubsamplingRate((double) p.get("subsamplingRate"))
                    .setMaxBins(MAX_BINS)
                    .setSeed(seed);
        };
        c.setLabelCol(ModelPipeline.label());
        c.setFeaturesCol(ModelPipeline.FEATURES);
        return c;
    }

    /** A few settings of the parameter that matters most for each classifier. */
    @SuppressWarnings("rawtypes")
    public ParamMap[] grid(Algorithm algorithm, ProbabilisticClassifier classifier) {
        return switch (algorithm) {
            case DT -> new ParamGridBuilder()
                    .addGrid(((DecisionTreeClassifier) classifier).maxDepth(), new int[] {6, 10, 14})
                    .build();
            case GBT -> new ParamGridBuilder()
                    .addGrid(((GBTClassifier) classifier).maxDepth(), new int[] {3, 5})
                    .build();
            case RF -> new ParamGridBuilder()
                    .addGrid(((RandomForestClassifier) classifier).maxDepth(), new int[] {8, 12})
                    .build();
        };
    }

    /** The values a fitted classifier actually used, for metrics.json. */
    public static Map<String, Object> paramsOf(Params fitted, Map<String, Object> names) {
        Map<String, Object> used = new LinkedHashMap<>();
        for (String name : names.keySet()) {
            Object v = fitted.getOrDefault(fitted.getParam(name));
            used.put(name, v);
        }
        return used;
    }
}
