package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.process;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.scoring.LoadedModel;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running job takes a newly promoted model from the next micro-batch on, without a restart and
 * without scoring an event twice or not at all, and refuses ACTIVE pointers to a missing or an
 * unloadable model while it keeps scoring with the model it has.
 */
class HotSwapTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final Duration WAIT = Duration.ofSeconds(90);
    static final int PER_PHASE = 10;
    /** CPU 30: normal for v1 (CPU > 50 is an attack), an attack for v2 (CPU > 20). */
    static final int CPU = 30;

    @Test
    void switchesModelsBetweenMicroBatchesAndRefusesBadPointers() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "first");
        FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "first");
        StreamMetrics metrics = new StreamMetrics();
        try (StreamJob job = new StreamJob(rig.spark, rig.settings("hot-swap", false, Duration.ofSeconds(1)), rig.store,
                metrics).start()) {
            phase(rig, 0);
            Await.until(WAIT, "phase A persisted", () -> processEvents(rig) == PER_PHASE);

            FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 20), "retrained");
            Await.until(WAIT, "v2 taken", () -> version(job) == 2);
            phase(rig, 1);
            Await.until(WAIT, "phase B persisted", () -> processEvents(rig) == 2 * PER_PHASE);

            BlobStore models = new S3BlobStore(SERVICES.s3Client(), SERVICES.bucket(), S3Layout.MODELS);
            models.put(S3Layout.activeFile(EventKind.PROCESS), ("{\"version\":9,\"uri\":\"" + rig.store.modelUri(EventKind.PROCESS, 9)
                    + "\",\"promotedAt\":\"2024-03-01T10:00:00Z\",\"reason\":\"typo\"}").getBytes(StandardCharsets.UTF_8));
            Await.until(WAIT, "missing v9 refused", () -> refusals(metrics) == 1);
            models.put("process/v3/model/metadata/part-00000", "not a model".getBytes(StandardCharsets.UTF_8));
            models.put("process/v3/" + S3Layout.METRICS, "{\"f1\":0.99}".getBytes(StandardCharsets.UTF_8));
            rig.store.activate(EventKind.PROCESS, 3, "broken upload");
            Await.until(WAIT, "unloadable v3 refused", () -> refusals(metrics) == 2);
            assertThat(version(job)).as("still scoring with v2").isEqualTo(2);

            phase(rig, 2);
            rig.produce(Topics.PROCESS, "4", List.of(process(4, 9999, "flush", T0 + 600, 0)));
            Await.until(WAIT, "phase C persisted", () -> processEvents(rig) == 3 * PER_PHASE + 1);
            Await.until(WAIT, "the window's final count", () -> !rig.rows(S3Layout.POTENTIAL_ATTACKS).isEmpty());

            List<Row> byVersion = rig.parquet(S3Layout.events(EventKind.PROCESS)).filter(col("CMD").notEqual("flush"))
                    .groupBy("model_version", "prediction").count().orderBy("model_version").collectAsList();
            assertThat(byVersion).extracting(r -> r.getAs("model_version"), r -> r.getAs("prediction"), r -> r.getAs("count"))
                    .as("each event scored once, by the model current when its batch started")
                    .containsExactly(tuple(1, 0.0, (long) PER_PHASE), tuple(2, 1.0, 2L * PER_PHASE));
            assertThat(rig.rows(S3Layout.POTENTIAL_ATTACKS)).extracting(
                    r -> r.<Timestamp>getAs("window_start").toInstant().getEpochSecond(), r -> r.getAs("machine"),
                    r -> r.getAs("count"))
                    .as("the attacks of phases B and C, each CMD_PID once")
                    .containsExactly(tuple(T0, 4, 2L * PER_PHASE));
            assertThat(metrics.count("stophack_stream_model_switches", "kind", "process")).isEqualTo(1);
            assertThat(job.models().refusal(EventKind.PROCESS)).get().extracting(r -> r.version()).isEqualTo(3);
        }
    }

    /** Ten process events of machine 4 with distinct PIDs, all in the first window. */
    private static void phase(StreamRig rig, int phase) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < PER_PHASE; i++) {
            int n = phase * PER_PHASE + i;
            events.add(process(4, 100 + n, "job", T0 + n, CPU));
        }
        rig.produce(Topics.PROCESS, "4", events);
    }

    private static long processEvents(StreamRig rig) {
        return rig.rows(S3Layout.events(EventKind.PROCESS)).size();
    }

    private static int version(StreamJob job) {
        return job.models().current(EventKind.PROCESS).map(LoadedModel::version).orElse(0);
    }

    private static double refusals(StreamMetrics metrics) {
        return metrics.count("stophack_stream_model_refusals", "kind", "process");
    }
}
