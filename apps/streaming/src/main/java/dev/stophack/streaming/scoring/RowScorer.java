package dev.stophack.streaming.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A fitted stophack pipeline (Imputer, StringIndexer, OneHotEncoder, VectorAssembler,
 * StandardScaler, classifier; see the training module's ModelPipeline) as one function of a
 * binary row, so that the ingest tasks score each event while they parse it. Spark ML's own
 * {@code transform} runs a user function per stage and converts every feature vector to and from
 * its SQL form between stages, which made scoring the largest share of an ingest batch.
 *
 * <p>The feature values are computed exactly as the fitted stages compute them, from the stages'
 * own parameters, and the classifier's own {@code predict} and {@code predictProbability} give
 * the answer; a test holds the result equal to {@link PipelineModel#transform}. A pipeline of
 * any other shape is not compiled ({@link #compile} is empty) and is scored by transform.
 */
public final class RowScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where one feature value comes from; {@link #width} slots of the feature vector. */
    private abstract static class Feature implements Serializable {
        private static final long serialVersionUID = 1L;

        int width() {
            return 1;
        }

        /** Writes this feature's slots into {@code out} from {@code at}; a scalar feature, its value. */
        void write(InternalRow row, double[] out, int at) {
            out[at] = scalar(row);
        }

        /** Whether the value is SQL null (a scalar feature only). */
        boolean isNull(InternalRow row) {
            return false;
        }

        /** The value as a number (a scalar feature only, not null). */
        double scalar(InternalRow row) {
            throw new IllegalStateException("not a scalar feature");
        }
    }

    /** A double column of the row; VectorAssembler's "keep" turns null into NaN. */
    private static final class NumberColumn extends Feature {
        private static final long serialVersionUID = 1L;
        final int index;

        NumberColumn(int index) {
            this.index = index;
        }

        @Override
        boolean isNull(InternalRow row) {
            return row.isNullAt(index);
        }

        @Override
        double scalar(InternalRow row) {
            return row.getDouble(index);
        }

        @Override
        void write(InternalRow row, double[] out, int at) {
            out[at] = row.isNullAt(index) ? Double.NaN : row.getDouble(index);
        }
    }

    /** ImputerModel: null, or the missing value (NaN equals NaN, as in SQL), becomes the surrogate. */
    private static final class Imputed extends Feature {
        private static final long serialVersionUID = 1L;
        final Feature input;
        final double surrogate;
        final double missing;

        Imputed(Feature input, double surrogate, double missing) {
            this.input = input;
            this.surrogate = surrogate;
            this.missing = missing;
        }

        @Override
        double scalar(InternalRow row) {
            if (input.isNull(row)) {
                return surrogate;
            }
            double v = input.scalar(row);
            return (Double.isNaN(missing) ? Double.isNaN(v) : v == missing) ? surrogate : v;
        }
    }

    /** StringIndexerModel with handleInvalid "keep": an unseen label or null gets the index after the last label. */
    private static final class Indexed extends Feature {
        private static final long serialVersionUID = 1L;
        final int index;
        final Map<UTF8String, Double> labels;
        final double unseen;

        Indexed(int index, String[] labels) {
            this.index = index;
            this.labels = new HashMap<>();
            for (int i = 0; i < labels.length; i++) {
                // the first of two equal labels wins, as in StringIndexerModel's map
                this.labels.putIfAbsent(UTF8String.fromString(labels[i]), (double) i);
            }
            this.unseen = labels.length;
        }

        @Override
        double scalar(InternalRow row) {
            if (row.isNullAt(index)) {
                return unseen;
            }
            Double i = labels.get(row.getUTF8String(index));
            return i == null ? unseen : i;
        }
    }

    /** OneHotEncoderModel with handleInvalid "keep": one slot set, or none for the dropped last category. */
    private static final class OneHot extends Feature {
        private static final long serialVersionUID = 1L;
        final Feature label;
        final int categories;
        final int size;

        OneHot(Feature label, int categories, int size) {
            this.label = label;
            this.categories = categories;
            this.size = size;
        }

        @Override
        int width() {
            return size;
        }

        @Override
        void write(InternalRow row, double[] out, int at) {
            for (int i = 0; i < size; i++) {
                out[at + i] = 0.0;
            }
            if (label.isNull(row)) {
                // a null label makes the encoder's user function null, which assembling with "keep" turns into NaNs
                for (int i = 0; i < size; i++) {
                    out[at + i] = Double.NaN;
                }
                return;
            }
            double l = label.scalar(row);
            double slot = l >= 0 && l < categories ? l : categories;
            if (slot < size) {
                out[at + (int) slot] = 1.0;
            }
        }
    }

    private final Feature[] assembled;
    private final int width;
    private final double[] shift;
    private final double[] scale;
    private final ProbabilisticClassificationModel<Vector, ?> classifier;
    /** The forest's trees when the classifier is a random forest (see {@link #forestVotes}), else null. */
    private final DecisionTreeClassificationModel[] forest;

    private RowScorer(Feature[] assembled, double[] shift, double[] scale, ProbabilisticClassificationModel<Vector, ?> classifier) {
        this.assembled = assembled;
        int w = 0;
        for (Feature f : assembled) {
            w += f.width();
        }
        this.width = w;
        this.shift = shift;
        this.scale = scale;
        this.classifier = classifier;
        this.forest = classifier instanceof RandomForestClassificationModel rf ? rf.trees() : null;
    }

    /**
     * {@code model} as a row function over rows of {@code schema}, or empty when the pipeline is
     * not of the shape this class knows exactly (then it must be scored by transform).
     */
    @SuppressWarnings("unchecked")
    public static Optional<RowScorer> compile(PipelineModel model, StructType schema) {
        if (model == null) {
            return Optional.empty();
        }
        Map<String, Feature> columns = new HashMap<>();
        for (String name : schema.fieldNames()) {
            DataType type = schema.apply(name).dataType();
            if (type.equals(DataTypes.DoubleType)) {
                columns.put(name, new NumberColumn(schema.fieldIndex(name)));
            }
        }
        Transformer[] stages = model.stages();
        Feature[] assembled = null;
        String assembledColumn = null;
        double[] shift = null;
        double[] scale = null;
        String scaledColumn = null;
        for (int s = 0; s < stages.length; s++) {
            Transformer stage = stages[s];
            boolean last = s == stages.length - 1;
            if (stage instanceof ImputerModel imputer) {
                List<String[]> io = inOut(imputer, imputer.inputCol(), imputer.inputCols(), imputer.outputCol(), imputer.outputCols());
                Row surrogates = imputer.surrogateDF().head();
                for (int i = 0; i < io.get(0).length; i++) {
                    Feature in = columns.get(io.get(0)[i]);
                    if (!(in instanceof NumberColumn)) {
                        return Optional.empty();
                    }
                    double surrogate = ((Number) surrogates.getAs(io.get(0)[i])).doubleValue();
                    columns.put(io.get(1)[i], new Imputed(in, surrogate, imputer.getMissingValue()));
                }
            } else if (stage instanceof StringIndexerModel indexer) {
                if (!"keep".equals(indexer.getHandleInvalid())) {
                    return Optional.empty();
                }
                List<String[]> io = inOut(indexer, indexer.inputCol(), indexer.inputCols(), indexer.outputCol(), indexer.outputCols());
                String[][] labels = indexer.labelsArray();
                for (int i = 0; i < io.get(0).length; i++) {
                    String in = io.get(0)[i];
                    if (!schemaHas(schema, in, DataTypes.StringType)) {
                        return Optional.empty();
                    }
                    columns.put(io.get(1)[i], new Indexed(schema.fieldIndex(in), labels[i]));
                }
            } else if (stage instanceof OneHotEncoderModel encoder) {
                if (!"keep".equals(encoder.getHandleInvalid())) {
                    return Optional.empty();
                }
                List<String[]> io = inOut(encoder, encoder.inputCol(), encoder.inputCols(), encoder.outputCol(), encoder.outputCols());
                int[] sizes = encoder.categorySizes();
                for (int i = 0; i < io.get(0).length; i++) {
                    Feature label = columns.get(io.get(0)[i]);
                    if (label == null || label.width() != 1) {
                        return Optional.empty();
                    }
                    // with "keep", an extra category for invalid labels; dropLast drops the last one
                    int size = encoder.getDropLast() ? sizes[i] : sizes[i] + 1;
                    columns.put(io.get(1)[i], new OneHot(label, sizes[i], size));
                }
            } else if (stage instanceof VectorAssembler assembler) {
                if (!"keep".equals(assembler.getHandleInvalid()) || assembled != null) {
                    return Optional.empty();
                }
                List<Feature> parts = new ArrayList<>();
                for (String in : assembler.getInputCols()) {
                    Feature f = columns.get(in);
                    if (f == null) {
                        return Optional.empty();
                    }
                    parts.add(f);
                }
                assembled = parts.toArray(Feature[]::new);
                assembledColumn = assembler.getOutputCol();
            } else if (stage instanceof StandardScalerModel scaler) {
                if (assembled == null || scaledColumn != null || !scaler.getInputCol().equals(assembledColumn)) {
                    return Optional.empty();
                }
                shift = scaler.getWithMean() ? scaler.mean().toArray() : null;
                if (scaler.getWithStd()) {
                    double[] std = scaler.std().toArray();
                    scale = new double[std.length];
                    for (int i = 0; i < std.length; i++) {
                        scale[i] = std[i] == 0 ? 0.0 : 1.0 / std[i]; // as StandardScalerModel does
                    }
                }
                scaledColumn = scaler.getOutputCol();
            } else if (last && stage instanceof ProbabilisticClassificationModel<?, ?> classifier) {
                String features = scaledColumn != null ? scaledColumn : assembledColumn;
                // transform derives probability and prediction from the raw prediction when it has that column
                if (assembled == null || !classifier.getFeaturesCol().equals(features)
                        || classifier.getRawPredictionCol().isEmpty() || classifier.getProbabilityCol().isEmpty()) {
                    return Optional.empty();
                }
                RowScorer scorer = new RowScorer(assembled, shift, scale, (ProbabilisticClassificationModel<Vector, ?>) classifier);
                if ((shift != null && shift.length != scorer.width) || (scale != null && scale.length != scorer.width)) {
                    return Optional.empty();
                }
                return Optional.of(scorer);
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Scores {@code row} into {@code out}: {@code out[0]} the prediction, {@code out[1]} the
     * probability of class 1.
     */
    public void score(InternalRow row, double[] out) {
        double[] features = new double[width];
        int at = 0;
        for (Feature f : assembled) {
            f.write(row, features, at);
            at += f.width();
        }
        // StandardScalerModel's order: shift, then scale
        if (shift != null) {
            for (int i = 0; i < width; i++) {
                features[i] -= shift[i];
            }
        }
        if (scale != null) {
            for (int i = 0; i < width; i++) {
                features[i] *= scale[i];
            }
        }
        // the classifier's transform, for one row: raw prediction, then probability and prediction from it
        Vector x = Vectors.dense(features);
        Vector raw = forest != null ? forestVotes(x) : classifier.predictRaw(x);
        out[0] = classifier.raw2prediction(raw);
        out[1] = classifier.raw2probability(raw).apply(1);
    }

    /**
     * What {@code RandomForestClassificationModel.predictRaw} computes, in the same order of
     * operations: per tree, the leaf's class counts over their total, summed per class. Spark's
     * own sums each leaf's counts through Scala's generic {@code sum}, which boxes every double:
     * half the scoring's samples in a profile of the streaming job.
     */
    private Vector forestVotes(Vector x) {
        double[] votes = new double[classifier.numClasses()];
        for (DecisionTreeClassificationModel tree : forest) {
            double[] counts = tree.rootNode().predictImpl(x).impurityStats().stats();
            double total = 0.0;
            for (double c : counts) {
                total += c;
            }
            if (total != 0) {
                for (int i = 0; i < votes.length; i++) {
                    votes[i] += counts[i] / total;
                }
            }
        }
        return Vectors.dense(votes);
    }

    /** A stage's input and output columns, whether it was set up with one column or several. */
    private static List<String[]> inOut(Params stage, Param<String> inputCol, Param<String[]> inputCols,
            Param<String> outputCol, Param<String[]> outputCols) {
        if (stage.isSet(inputCols)) {
            return List.of(stage.getOrDefault(inputCols), stage.getOrDefault(outputCols));
        }
        return List.of(new String[] {stage.getOrDefault(inputCol)}, new String[] {stage.getOrDefault(outputCol)});
    }

    private static boolean schemaHas(StructType schema, String column, DataType type) {
        return List.of(schema.fieldNames()).contains(column) && schema.apply(column).dataType().equals(type);
    }
}
