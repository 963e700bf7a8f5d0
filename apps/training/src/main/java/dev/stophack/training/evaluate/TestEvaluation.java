package dev.stophack.training.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.round;

import dev.stophack.training.data.LabelledEvents;
import dev.stophack.training.pipeline.ModelPipeline;
import java.util.TreeMap;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores labelled rows with a fitted pipeline in one Spark job: the counts per (label,
 * prediction, score rounded to 1e-4) are enough for the confusion matrix and the ROC curve.
 *
 * @param confusion the answers at the model's own threshold
 * @param roc       the curve over the attack probability
 */
public record TestEvaluation(ConfusionMatrix confusion, RocCurve roc) {
    /** Score resolution: enough for thousands of ROC points, few enough to collect. */
    static final int SCORE_DECIMALS = 4;

    public static TestEvaluation of(Transformer model, Dataset<Row> labelled) {
        Dataset<Row> scored = model.transform(labelled).select(
                col(LabelledEvents.LABEL),
                col(ModelPipeline.PREDICTION),
                round(element_at(org.apache.spark.ml.functions.vector_to_array(col(ModelPipeline.PROBABILITY), "float64"), 2),
                        SCORE_DECIMALS).alias("score"));
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        TreeMap<Double, long[]> byScore = new TreeMap<>();
        for (Row r : scored.groupBy("label", "prediction", "score").count().collectAsList()) {
            boolean attack = r.getDouble(0) == 1.0;
            boolean flagged = r.getDouble(1) == 1.0;
            long n = r.getLong(3);
            if (attack && flagged) {
                tp += n;
            } else if (attack) {
                fn += n;
            } else if (flagged) {
                fp += n;
            } else {
                tn += n;
            }
            long[] counts = byScore.computeIfAbsent(r.getDouble(2), s -> new long[2]);
            counts[attack ? 0 : 1] += n;
        }
        return new TestEvaluation(new ConfusionMatrix(tp, fp, tn, fn), RocCurve.fromCounts(byScore));
    }
}
