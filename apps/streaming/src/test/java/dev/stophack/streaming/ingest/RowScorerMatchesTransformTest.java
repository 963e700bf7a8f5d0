package dev.stophack.streaming.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.spark.EventFrames;
import dev.stophack.streaming.parse.Plausibility;
import dev.stophack.streaming.scoring.LoadedModel;
import dev.stophack.streaming.scoring.RowScorer;
import dev.stophack.streaming.scoring.Scorer;
import dev.stophack.testkit.LocalSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring in the parsing tasks ({@link RowScorer}) must give what Spark ML's transform gives,
 * event for event: prediction and probability, bit for bit, for the committed baseline models (a
 * GBT and a random forest) and for a decision tree and a random forest fitted here, on generated
 * events plus events with unreadable numbers and categories the models never saw.
 */
class RowScorerMatchesTransformTest {
    static SparkSession spark;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.session();
        new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5), 6_000, 2_000, 11)).writeAll(dir, false);
    }

    @Test
    void baselineGradientBoostedTreesScoreAlikeBothWays() throws Exception {
        for (EventKind kind : EventKind.values()) {
            PipelineModel model = PipelineModel.load(Path.of("../../models", kind.id(), "v1", "model").toAbsolutePath().toUri().toString());
            assertSameScores(kind, model);
        }
    }

    @Test
    void treesAndForestsFittedHereScoreAlikeBothWays() throws Exception {
        for (EventKind kind : EventKind.values()) {
            Dataset<Row> train = EventFrames.normalise(kind, spark.read().option("header", "true")
                    .csv(dir.resolve(kind == EventKind.PROCESS ? TelemetryGenerator.PROCESS_TRAIN : TelemetryGenerator.MEMORY_TRAIN).toString()))
                    .withColumn("label", col(EventKind.ATTACK).cast("double"));
            assertSameScores(kind, pipeline(kind, new DecisionTreeClassifier().setMaxDepth(8)).fit(train));
            assertSameScores(kind, pipeline(kind, new RandomForestClassifier().setNumTrees(8).setMaxDepth(6).setSeed(3)).fit(train));
        }
    }

    /** The training job's stage shapes, with every numeric and categorical column of the kind. */
    private static Pipeline pipeline(EventKind kind, PipelineStage classifier) {
        List<PipelineStage> stages = new ArrayList<>();
        String[] numbers = kind.numericColumns().toArray(String[]::new);
        String[] filled = kind.numericColumns().stream().map(c -> c + "_filled").toArray(String[]::new);
        String[] codes = kind.categoricalColumns().toArray(String[]::new);
        List<String> assembled = new ArrayList<>(List.of(filled));
        stages.add(new Imputer().setStrategy("median").setInputCols(numbers).setOutputCols(filled));
        if (codes.length > 0) {
            String[] idx = kind.categoricalColumns().stream().map(c -> c + "_idx").toArray(String[]::new);
            String[] vec = kind.categoricalColumns().stream().map(c -> c + "_vec").toArray(String[]::new);
            stages.add(new StringIndexer().setInputCols(codes).setOutputCols(idx).setHandleInvalid("keep"));
            stages.add(new OneHotEncoder().setInputCols(idx).setOutputCols(vec).setHandleInvalid("keep"));
            assembled.addAll(List.of(vec));
        }
        stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol("raw_features")
                .setHandleInvalid("keep"));
        stages.add(new StandardScaler().setInputCol("raw_features").setOutputCol("features"));
        stages.add(classifier);
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }

    private void assertSameScores(EventKind kind, PipelineModel model) throws Exception {
        LoadedModel compiled = new LoadedModel(kind, 7, "test", model);
        assertThat(compiled.rowScorer()).as("the %s pipeline compiles to a row scorer", kind).isNotNull();

        BatchStats stats = new BatchStats();
        spark.sparkContext().register(stats);
        Dataset<Row> parsed = spark.internalCreateDataFrame(
                RecordParser.parse(kafkaRecords(kind), new Plausibility(Duration.ofDays(3650)),
                        System.currentTimeMillis() * 1000, stats, Map.of(kind, compiled), Map.of(kind, compiled)).rdd(),
                ParsedSchema.SCHEMA, false).filter(ParsedSchema.isEventOf(kind)).cache();
        List<Row> inTasks = Scorer.scoredInTasks(parsed, kind).collectAsList();
        // the same model as its own candidate: the shadow column must hold the very same predictions
        long shadowDiffers = parsed.filter(org.apache.spark.sql.functions.not(
                org.apache.spark.sql.functions.col(ParsedSchema.SHADOW_PREDICTION)
                        .eqNullSafe(org.apache.spark.sql.functions.col(ParsedSchema.PREDICTION)))).count();
        List<Row> byTransform = Scorer.score(parsed.select(ParsedSchema.eventColumns(kind)), kind, compiled.withoutRowScorer())
                .collectAsList();
        parsed.unpersist();

        Map<Long, Row> expected = new HashMap<>();
        byTransform.forEach(r -> expected.put(r.getLong(r.fieldIndex(ParsedSchema.KAFKA_OFFSET)), r));
        assertThat(inTasks).hasSizeGreaterThan(2_000).hasSameSizeAs(byTransform);
        int attacks = 0;
        for (Row r : inTasks) {
            Row e = expected.get(r.getLong(r.fieldIndex(ParsedSchema.KAFKA_OFFSET)));
            assertThat(e).isNotNull();
            String what = kind + " event " + r.getString(r.fieldIndex(EventFrames.CMD_PID));
            assertThat(r.getDouble(r.fieldIndex(Scorer.PREDICTION))).as("prediction of %s", what)
                    .isEqualTo(e.getDouble(e.fieldIndex(Scorer.PREDICTION)));
            assertThat((Double) r.getAs(Scorer.P_ATTACK)).as("p_attack of %s", what).isEqualTo((Double) e.getAs(Scorer.P_ATTACK));
            assertThat((Integer) r.getAs(Scorer.MODEL_VERSION)).isEqualTo(7);
            attacks += r.getDouble(r.fieldIndex(Scorer.PREDICTION)) == 1.0 ? 1 : 0;
        }
        assertThat(attacks).as("both classes occur, so the comparison means something").isBetween(1, inTasks.size() - 1);
        assertThat(shadowDiffers).as("rows whose shadow prediction differs from the prediction").isZero();
        assertThat(stats.value().attacks(kind)).as("attacks counted by the parsing tasks").isEqualTo(attacks);
    }

    /** The kind's generated stream rows as the producer puts them on Kafka, plus rows the models never saw the like of. */
    private Dataset<Row> kafkaRecords(EventKind kind) throws Exception {
        List<Row> kafka = new ArrayList<>();
        Path file = dir.resolve(kind == EventKind.PROCESS ? TelemetryGenerator.PROCESS_STREAM : TelemetryGenerator.MEMORY_STREAM);
        long ts = 1_700_000_000L;
        try (CsvReader csv = CsvReader.open(file)) {
            EventEncoder encoder = new EventEncoder(kind, csv.header());
            String[] row;
            while ((row = csv.next()) != null) {
                kafka.add(record(kind, encoder.encode(row, ts), kafka.size()));
                String[] odd = row.clone();
                if (kafka.size() % 7 == 0) {
                    // unreadable numbers (null after parsing) and categories no model was fitted on
                    for (String c : kind.numericColumns()) {
                        int i = csv.header().indexOf(c);
                        if (i >= 0 && (i + kafka.size()) % 3 == 0) {
                            odd[i] = kafka.size() % 2 == 0 ? "-" : "OVFLOW";
                        }
                    }
                    for (String c : kind.categoricalColumns()) {
                        int i = csv.header().indexOf(c);
                        if (i >= 0) {
                            odd[i] = "never-seen-" + kafka.size() % 5;
                        }
                    }
                    odd[csv.header().indexOf(EventKind.CMD)] = "no-such-command";
                    kafka.add(record(kind, encoder.encode(odd, ts), kafka.size()));
                }
            }
        }
        StructType schema = StructType.fromDDL("value binary, topic string, partition int, offset long, timestamp timestamp");
        return spark.createDataFrame(kafka, schema).repartition(3);
    }

    private static Row record(EventKind kind, byte[] value, long offset) {
        return RowFactory.create(value, kind.topic(), 0, offset, new Timestamp(1_700_000_100_000L));
    }
}
