package dev.stophack.training.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.events.EventKind;
import dev.stophack.training.features.FeatureSet;
import dev.stophack.training.pipeline.ModelPipeline;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What a user would write instead of {@code stophack train}: the seed's core work, done the plain
 * fast way and nothing more. The CSV is read with a schema (numbers that never carry a unit typed
 * as doubles by the reader, an unreadable one becoming null), the sizes with a K/M/G suffix
 * cleaned by column functions (last character, substring, one cast), the label taken from
 * {@code attack}; one cache of the cleaned rows; a random 80/20 split; the training part
 * rebalanced to one attack for two normal rows with {@code sampleBy}; the same pipeline as the
 * job's fitted on the same features; AUC and F1 (attack class) on the test split.
 *
 * <p>No data quality report, exploration, feature selection, charts, report or model registry:
 * the benchmark's reference for the whole job, whose goal is to take no longer than this.
 */
public final class PlainTraining {
    /** Memory columns atop writes with a unit suffix ({@code 23.0K}, {@code 401M}, {@code -4.7M}). */
    private static final Set<String> SIZES = Set.of("MINFLT", "VSTEXT", "VSIZE", "RSIZE", "VGROW", "RGROW");

    /** What the program reports. */
    public record Result(double auc, double f1) {
    }

    private PlainTraining() {
    }

    /**
     * @param csv        the kind's training file
     * @param features   the columns to fit on (the job's selection, so that both fit the same pipeline)
     * @param classifier a fresh classifier of the algorithm measured
     */
    public static Result run(SparkSession spark, String csv, EventKind kind, FeatureSet features, PipelineStage classifier,
                             long seed) {
        Dataset<Row> raw = spark.read().option("header", "true").schema(schema(kind)).csv(csv);
        Dataset<Row> clean = raw.select(cleaned(kind)).filter(col(ModelPipeline.label()).isNotNull())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row>[] split = clean.randomSplit(new double[] {0.8, 0.2}, seed);
            Dataset<Row> train = rebalanced(split[0], seed);
            PipelineModel model = ModelPipeline.build(features, classifier).fit(train);
            Dataset<Row> predictions = model.transform(split[1]);
            // on the probability: a tree's raw prediction is its leaf's class counts, which do not rank across leaves
            double auc = new BinaryClassificationEvaluator().setLabelCol(ModelPipeline.label())
                    .setRawPredictionCol(ModelPipeline.PROBABILITY).setMetricName("areaUnderROC").evaluate(predictions);
            double f1 = new MulticlassClassificationEvaluator().setLabelCol(ModelPipeline.label())
                    .setPredictionCol(ModelPipeline.PREDICTION).setMetricName("fMeasureByLabel").setMetricLabel(1.0)
                    .evaluate(predictions);
            return new Result(auc, f1);
        } finally {
            clean.unpersist();
        }
    }

    /** Every column as the file has it: text where a value may carry a unit or is a code, a double otherwise. */
    static StructType schema(EventKind kind) {
        StructType schema = new StructType();
        for (String c : kind.columns()) {
            boolean text = c.equals(EventKind.CMD) || kind.categoricalColumns().contains(c) || SIZES.contains(c);
            schema = schema.add(c, text ? DataTypes.StringType : DataTypes.DoubleType);
        }
        return schema.add(EventKind.ATTACK, DataTypes.DoubleType).add(EventKind.TYPE, DataTypes.StringType);
    }

    private static Column[] cleaned(EventKind kind) {
        Column[] out = new Column[kind.columns().size() + 1];
        int i = 0;
        for (String c : kind.columns()) {
            out[i++] = (SIZES.contains(c) ? size(col(c)) : col(c)).as(c);
        }
        out[i] = col(EventKind.ATTACK).as(ModelPipeline.label());
        return out;
    }

    /** {@code 401M} is 401e6: the last character as the unit, the rest as the number; a bare number as it is. */
    static Column size(Column text) {
        Column unit = text.substr(length(text), lit(1));
        Column multiplier = when(unit.equalTo("K"), 1e3).when(unit.equalTo("M"), 1e6).when(unit.equalTo("G"), 1e9)
                .when(unit.equalTo("T"), 1e12);
        return when(multiplier.isNull(), text.cast("double"))
                .otherwise(text.substr(lit(1), length(text).minus(1)).cast("double").multiply(multiplier));
    }

    /** One attack row for two normal rows, by sampling the over-represented class; one count per class first. */
    private static Dataset<Row> rebalanced(Dataset<Row> train, long seed) {
        Map<Double, Long> counts = new HashMap<>();
        for (Row r : train.groupBy(ModelPipeline.label()).count().collectAsList()) {
            counts.put(r.getDouble(0), r.getLong(1));
        }
        long attacks = counts.getOrDefault(1.0, 0L);
        long normals = counts.getOrDefault(0.0, 0L);
        Map<Double, Double> fractions = new HashMap<>();
        fractions.put(1.0, normals >= 2 * attacks ? 1.0 : normals / 2.0 / Math.max(1, attacks));
        fractions.put(0.0, normals >= 2 * attacks ? 2.0 * attacks / Math.max(1, normals) : 1.0);
        return train.stat().sampleBy(ModelPipeline.label(), fractions, seed);
    }
}
