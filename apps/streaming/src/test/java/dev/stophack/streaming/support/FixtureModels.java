package dev.stophack.streaming.support;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.ModelStore;
import dev.stophack.streaming.ingest.ParsedSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Models whose rule the tests know exactly: "{@code column} above {@code threshold} is an
 * attack", fitted in the test on hand-labelled normalised events, with the stages the training
 * job uses (Imputer, StringIndexer + OneHotEncoder, VectorAssembler, StandardScaler, a decision
 * tree), saved and activated through the {@link ModelStore} as training would.
 */
public final class FixtureModels {
    public static final String LABEL = "label";

    private FixtureModels() {
    }

    /** The process rule used throughout the tests: CPU > 50 is an attack. */
    public static PipelineModel processModel(SparkSession spark, double cpuThreshold) {
        return fit(spark, EventKind.PROCESS, "CPU", cpuThreshold);
    }

    /** The memory rule: MEM > 5 is an attack. */
    public static PipelineModel memoryModel(SparkSession spark, double memThreshold) {
        return fit(spark, EventKind.MEMORY, "MEM", memThreshold);
    }

    /** Fits "column > threshold = attack" on ten values each side of the threshold. */
    public static PipelineModel fit(SparkSession spark, EventKind kind, String column, double threshold) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(event(kind, column, threshold - i));
            rows.add(event(kind, column, threshold + i));
        }
        Dataset<Row> events = spark.createDataFrame(rows, ParsedSchema.SCHEMA).select(ParsedSchema.eventColumns(kind));
        Dataset<Row> labelled = events.withColumn(LABEL, when(col(column).gt(threshold), 1.0).otherwise(0.0));
        List<PipelineStage> stages = new ArrayList<>();
        stages.add(new Imputer().setStrategy("median").setInputCols(new String[] {column})
                .setOutputCols(new String[] {column + "_filled"}));
        List<String> assembled = new ArrayList<>(List.of(column + "_filled"));
        if (!kind.categoricalColumns().isEmpty()) {
            String code = kind.categoricalColumns().get(0);
            stages.add(new StringIndexer().setInputCol(code).setOutputCol(code + "_idx").setHandleInvalid("keep"));
            stages.add(new OneHotEncoder().setInputCols(new String[] {code + "_idx"})
                    .setOutputCols(new String[] {code + "_vec"}).setHandleInvalid("keep"));
            assembled.add(code + "_vec");
        }
        stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol("features_raw")
                .setHandleInvalid("keep"));
        stages.add(new StandardScaler().setInputCol("features_raw").setOutputCol("features").setWithStd(true));
        stages.add(new DecisionTreeClassifier().setLabelCol(LABEL).setFeaturesCol("features"));
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(labelled);
    }

    /**
     * "column > threshold = attack" without an imputer, its assembler failing on a blank
     * ({@code handleInvalid=error}): it scores plain events and fails on a finished process's
     * blank sizes, as a carelessly built pipeline would.
     */
    public static PipelineModel failingOnBlanks(SparkSession spark, EventKind kind, String column, double threshold) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(event(kind, column, threshold - i));
            rows.add(event(kind, column, threshold + i));
        }
        Dataset<Row> events = spark.createDataFrame(rows, ParsedSchema.SCHEMA).select(ParsedSchema.eventColumns(kind));
        Dataset<Row> labelled = events.withColumn(LABEL, when(col(column).gt(threshold), 1.0).otherwise(0.0));
        return new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {column}).setOutputCol("features").setHandleInvalid("error"),
            new DecisionTreeClassifier().setLabelCol(LABEL).setFeaturesCol("features")}).fit(labelled);
    }

    /**
     * "column > threshold = attack" behind a {@link SQLTransformer} that raises an error on the one
     * value {@code failOn}, which the probe set does not hold: it passes validation, is scored by
     * transform (the row scorer does not know the stage), and fails every batch holding that value,
     * as a model with a bug only real telemetry shows would.
     */
    public static PipelineModel failingOn(SparkSession spark, EventKind kind, String column, double threshold,
            double failOn) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(event(kind, column, threshold - i));
            rows.add(event(kind, column, threshold + i));
        }
        Dataset<Row> events = spark.createDataFrame(rows, ParsedSchema.SCHEMA).select(ParsedSchema.eventColumns(kind));
        Dataset<Row> labelled = events.withColumn(LABEL, when(col(column).gt(threshold), 1.0).otherwise(0.0));
        String checked = column + "_checked";
        return new Pipeline().setStages(new PipelineStage[] {
            new SQLTransformer().setStatement("SELECT *, CASE WHEN " + column + " = " + failOn
                    + " THEN CAST(raise_error('cannot score " + column + " = " + failOn + "') AS DOUBLE) ELSE " + column
                    + " END AS " + checked + " FROM __THIS__"),
            new VectorAssembler().setInputCols(new String[] {checked}).setOutputCol("features").setHandleInvalid("keep"),
            new DecisionTreeClassifier().setLabelCol(LABEL).setFeaturesCol("features")}).fit(labelled);
    }

    private static Row event(EventKind kind, String column, double value) {
        Object[] v = new Object[ParsedSchema.SCHEMA.size()];
        v[ParsedSchema.index(ParsedSchema.TOPIC)] = kind.topic();
        v[ParsedSchema.index(ParsedSchema.PARTITION)] = 0;
        v[ParsedSchema.index(ParsedSchema.OFFSET)] = 0L;
        v[ParsedSchema.index(ParsedSchema.EVENT_TIME)] = new Timestamp(0);
        v[ParsedSchema.index(ParsedSchema.DATE)] = new Date(0);
        v[ParsedSchema.index(EventKind.SEQUENCE)] = 1L;
        v[ParsedSchema.index(EventKind.MACHINE)] = 4;
        v[ParsedSchema.index(EventKind.PID)] = 100;
        v[ParsedSchema.index(EventKind.CMD)] = "train";
        v[ParsedSchema.index("CMD_PID")] = "train_100";
        for (String c : kind.numericColumns()) {
            v[ParsedSchema.index(c)] = 0.0;
        }
        for (String c : kind.categoricalColumns()) {
            v[ParsedSchema.index(c)] = "norm";
        }
        v[ParsedSchema.index(column)] = value;
        return RowFactory.create(v);
    }

    /** Saves {@code model} as the next version of {@code kind} (metrics.json last) and returns its number. */
    public static int save(ModelStore store, EventKind kind, PipelineModel model) throws IOException {
        int n = store.claimNextVersion(kind);
        model.write().overwrite().save(store.modelUri(kind, n));
        store.putFile(kind, n, S3Layout.METRICS, "{\"metrics\":{\"f1\":1.0}}".getBytes(StandardCharsets.UTF_8));
        return n;
    }

    /** Saves and activates: what {@code stophack train} followed by a promotion does. */
    public static int publish(ModelStore store, EventKind kind, PipelineModel model, String reason) throws IOException {
        int n = save(store, kind, model);
        store.activate(kind, n, reason);
        return n;
    }
}
