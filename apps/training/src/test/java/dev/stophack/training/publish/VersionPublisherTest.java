package dev.stophack.training.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import dev.stophack.spark.ModelProbe;
import dev.stophack.storage.LocalBlobStore;
import dev.stophack.training.TestData;
import dev.stophack.training.data.LabelledEvents;
import dev.stophack.training.features.FeatureSet;
import dev.stophack.training.pipeline.ModelPipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version numbers never overwrite, also when two trainings publish at the same moment. */
class VersionPublisherTest {
    static SparkSession spark;
    static PipelineModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void fitATinyModel() {
        spark = TestData.spark();
        StructType schema = new StructType().add("CPU", DataTypes.DoubleType).add("State", DataTypes.StringType)
                .add(LabelledEvents.LABEL, DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(RowFactory.create(i < 20 ? 50.0 + i : 1.0 + i % 5, i % 3 == 0 ? "R" : "S", i < 20 ? 1.0 : 0.0));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        model = ModelPipeline.build(new FeatureSet(List.of("CPU"), List.of("State")),
                new DecisionTreeClassifier().setLabelCol(LabelledEvents.LABEL).setFeaturesCol(ModelPipeline.FEATURES)).fit(df);
    }

    private static VersionPublisher.Files files(String tag) {
        return new VersionPublisher.Files() {
            @Override
            public Map<String, byte[]> extras(int version, String modelUri) {
                return Map.of(S3Layout.REPORT, VersionPublisher.utf8("# " + tag + " v" + version));
            }

            @Override
            public byte[] metrics(int version, String modelUri, ModelProbe.Result probe) {
                return VersionPublisher.utf8("{\"version\":" + version + ",\"tag\":\"" + tag + "\",\"metrics\":{\"f1\":0.5}}");
            }
        };
    }

    @Test
    void theFirstVersionIsActivatedAndLaterOnesAreNot() throws Exception {
        ModelStore store = new ModelStore(new LocalBlobStore(dir));
        VersionPublisher.Published first = VersionPublisher.publish(store, EventKind.PROCESS, model, files("a"));
        VersionPublisher.Published second = VersionPublisher.publish(store, EventKind.PROCESS, model, files("b"));
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.activated()).isTrue();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.activated()).isFalse();
        assertThat(store.active(EventKind.PROCESS).get().version()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("process/v1/report.md"))).isEqualTo("# a v1");
        assertThat(Files.readString(dir.resolve("process/v2/metrics.json"), StandardCharsets.UTF_8)).contains("\"b\"");
    }

    @Test
    void twoRacingTrainingsGetDistinctVersionsAndBothModelsLoad() throws Exception {
        ModelStore store = new ModelStore(new LocalBlobStore(dir));
        VersionPublisher.publish(store, EventKind.MEMORY, model, files("existing"));
        byte[] existing = Files.readAllBytes(dir.resolve("memory/v1/metrics.json"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<VersionPublisher.Published>> racing = new ArrayList<>();
            for (String tag : List.of("x", "y")) {
                racing.add(pool.submit(() -> VersionPublisher.publish(store, EventKind.MEMORY, model, files(tag))));
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<VersionPublisher.Published> f : racing) {
                VersionPublisher.Published p = f.get();
                assertThat(p.activated()).isFalse();
                versions.add(p.version());
            }
            Collections.sort(versions);
            assertThat(versions).containsExactly(2, 3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readAllBytes(dir.resolve("memory/v1/metrics.json"))).as("never overwritten").isEqualTo(existing);
        for (StoredVersion v : store.versions(EventKind.MEMORY)) {
            assertThat(v.complete()).isTrue();
            assertThat(PipelineModel.load(v.modelUri()).stages()).hasSize(model.stages().length);
        }
        assertThat(store.versions(EventKind.MEMORY).stream().map(v -> v.metrics().path("tag").asText()).toList())
                .containsExactlyInAnyOrder("existing", "x", "y");
    }
}
