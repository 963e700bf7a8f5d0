package dev.stophack.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelProbeTest {
    static SparkSession spark;
    static Dataset<Row> training;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create("model-probe-test", null, Map.of("spark.sql.shuffle.partitions", "1"));
        StructType schema = ModelProbe.schema(EventKind.MEMORY).add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Object[] v = new Object[schema.size()];
            v[0] = (long) i;
            v[1] = 4;
            v[2] = i;
            for (int c = 3; c < schema.size() - 3; c++) {
                v[c] = (double) (i % 7) * c;
            }
            v[schema.size() - 3] = i % 2 == 0 ? "sshd" : "bash"; // CMD
            v[schema.size() - 2] = v[schema.size() - 3] + "_" + i;
            v[schema.size() - 1] = (double) (i % 2);
            rows.add(RowFactory.create(v));
        }
        training = spark.createDataFrame(rows, schema);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A pipeline of the training job's shape whose assembler and indexer treat unreadable values as {@code handleInvalid}. */
    static PipelineModel fitted(String handleInvalid, boolean impute) {
        List<String> numeric = EventKind.MEMORY.numericColumns();
        List<PipelineStage> stages = new ArrayList<>();
        String[] inputs = numeric.toArray(String[]::new);
        if (impute) {
            stages.add(new Imputer().setInputCols(inputs).setOutputCols(numeric.stream().map(c -> c + "_i").toArray(String[]::new)));
            inputs = numeric.stream().map(c -> c + "_i").toArray(String[]::new);
        }
        stages.add(new StringIndexer().setInputCol("CMD").setOutputCol("cmd_index").setHandleInvalid(handleInvalid));
        String[] features = java.util.stream.Stream.concat(java.util.Arrays.stream(inputs), java.util.stream.Stream.of("cmd_index"))
                .toArray(String[]::new);
        stages.add(new VectorAssembler().setInputCols(features).setOutputCol("features").setHandleInvalid(handleInvalid));
        stages.add(new DecisionTreeClassifier().setFeaturesCol("features").setLabelCol("label"));
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(training);
    }

    @Test
    void aPipelineThatKeepsWhatItCannotReadPasses() {
        ModelProbe.Result r = ModelProbe.run(spark, EventKind.MEMORY, fitted("keep", true));
        assertThat(r.passed()).isTrue();
        assertThat(r.rows()).isEqualTo(ModelProbe.events(EventKind.MEMORY).size()).isEqualTo(r.scored());
        assertThat(r.failure()).isNull();
    }

    @Test
    void aPipelineThatFailsOnBlanksFails() {
        ModelProbe.Result r = ModelProbe.run(spark, EventKind.MEMORY, fitted("error", false));
        assertThat(r.passed()).isFalse();
        assertThat(r.scored()).isZero();
        assertThat(r.failure()).isNotBlank();
    }

    @Test
    void aPipelineThatDropsRowsFails() {
        ModelProbe.Result r = ModelProbe.run(spark, EventKind.MEMORY, fitted("skip", false));
        assertThat(r.passed()).isFalse();
        assertThat(r.failure()).contains("rows for " + r.rows(), "handleInvalid=skip");
    }

    @Test
    void theProbeSetHasEveryKindOfAwkwardValue() {
        List<Map<String, Object>> events = ModelProbe.events(EventKind.PROCESS);
        assertThat(events).extracting(e -> e.get("CPU")).contains(null, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e300, -1e300, 0.0, -1.0);
        assertThat(events).extracting(e -> e.get("State")).contains("ZZ-never-seen", "", null);
        assertThat(events).extracting(e -> e.get(EventKind.PID)).doesNotHaveDuplicates();
    }
}
