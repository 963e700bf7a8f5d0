package dev.stophack.training;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import dev.stophack.storage.LocalBlobStore;
import dev.stophack.training.data.DataQuality;
import dev.stophack.training.data.LabelledEvents;
import dev.stophack.training.data.Rebalancer;
import dev.stophack.training.data.TrainingFile;
import dev.stophack.training.evaluate.TestEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The baseline models committed under {@code models/} still do what their metrics.json says:
 * on freshly generated data (another seed), rebalanced to 1:2 like the test split, their F1 is
 * within 0.03 of the recorded one.
 */
class BaselineModelsTest {
    static final Path MODELS = Path.of("../../models");
    static final double TOLERANCE = 0.03;

    @TempDir
    static Path tmp;

    static SparkSession spark;
    static Path fresh;

    @BeforeAll
    static void generateFreshData() throws Exception {
        spark = TestData.spark();
        fresh = TestData.generate(tmp.resolve("fresh"), 30_000, 20_261_121);
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void scoresFreshDataLikeItsRecordedMetrics(EventKind kind) throws Exception {
        assertThat(MODELS.resolve(kind.id())).as("models/ is committed at the repository root").isDirectory();
        ModelStore store = new ModelStore(new LocalBlobStore(MODELS));
        StoredVersion version = store.versions(kind).stream().filter(StoredVersion::complete)
                .max(Comparator.comparingInt(StoredVersion::version)).orElseThrow();
        double recorded = version.metric("f1");
        assertThat(recorded).isBetween(0.0, 1.0);

        PipelineModel model = PipelineModel.load(version.modelUri());
        String file = fresh.resolve(kind == EventKind.PROCESS ? TelemetryGenerator.PROCESS_TRAIN : TelemetryGenerator.MEMORY_TRAIN)
                .toString();
        TrainingFile checked = TrainingFile.check(kind, file, spark.sparkContext().hadoopConfiguration());
        Dataset<Row> labelled = DataQuality.annotate(checked, LabelledEvents.raw(spark, checked))
                .filter(col(LabelledEvents.LABEL).isNotNull()).cache();
        Dataset<Row> balanced = Rebalancer.rebalance(labelled, 9, 2).rows();
        double f1 = TestEvaluation.of(model, balanced).confusion().f1();
        labelled.unpersist();
        System.out.printf("%s v%d: recorded F1 %.4f, fresh data F1 %.4f%n", kind, version.version(), recorded, f1);
        assertThat(f1).isCloseTo(recorded, org.assertj.core.api.Assertions.within(TOLERANCE));
        assertThat(Files.exists(MODELS.resolve(kind.id() + "/v" + version.version() + "/report.md"))).isTrue();
    }
}
