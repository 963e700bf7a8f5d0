package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.scoring.BatchModelLog;
import dev.stophack.streaming.scoring.LoadedModel;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.IngestBatches;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming side of a rollout, in one running job: a candidate scored in the shadow of the
 * active model and its lines, the candidate rejected and no longer scored, then a model that
 * passes validation but fails on one real value, and its rollback, after which the stuck batch
 * is replayed with the restored version: no event lost or duplicated.
 */
class RolloutWhileStreamingTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final Duration WAIT = Duration.ofMinutes(2);
    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final int PER_PHASE = 10;
    /** Normal for v1 (CPU > 50), an attack for the candidate v2 (CPU > 20). */
    static final int CPU = 30;
    /** The one value v3 cannot score. */
    static final int FAILING_CPU = 666;
    static final EventKind PROCESS = EventKind.PROCESS;

    @Test
    void shadowThenRejectThenAFailingPromotionRolledBack() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        FixtureModels.publish(rig.store, PROCESS, FixtureModels.processModel(rig.spark, 50), "first");
        FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "first");
        int candidate = FixtureModels.save(rig.store, PROCESS, FixtureModels.processModel(rig.spark, 20));
        StreamMetrics metrics = new StreamMetrics();
        StreamSettings settings = rig.settings("rollout", false, Duration.ofSeconds(1));
        IngestBatches batches = new IngestBatches();
        rig.spark.streams().addListener(batches);
        try (StreamJob job = new StreamJob(rig.spark, settings, rig.store, metrics).start()) {
            // shadow: every event scored by both, written by v1 only
            rig.store.startShadow(PROCESS, rig.store.rolloutState(PROCESS), candidate,
                    entry(HistoryEntry.Action.ShadowStarted, candidate));
            Await.until(WAIT, "the candidate loaded", () -> version(job.models().candidate(PROCESS)) == candidate);
            phase(rig, 0);
            Await.until(WAIT, "phase A persisted", () -> persisted(rig) == PER_PHASE);
            Await.until(WAIT, "phase A's shadow lines", () -> shadowTotal(rig, candidate).scored() == PER_PHASE);
            ShadowStats shadow = shadowTotal(rig, candidate);
            assertThat(shadow).extracting(ShadowStats::disagreed, ShadowStats::activeAttacks, ShadowStats::shadowAttacks)
                    .containsExactly((long) PER_PHASE, 0L, (long) PER_PHASE);

            // rejected: gone from the next poll on, so the next batch has no candidate
            rig.store.reject(PROCESS, rig.store.rolloutState(PROCESS), candidate, entry(HistoryEntry.Action.Rejected, candidate));
            Await.until(WAIT, "the candidate dropped", () -> job.models().candidate(PROCESS).isEmpty());
            phase(rig, 1);
            Await.until(WAIT, "phase B persisted", () -> persisted(rig) == 2 * PER_PHASE);
            assertThat(shadowTotal(rig, candidate).scored()).as("no line after the rejection").isEqualTo(PER_PHASE);

            // a promotion that fails on one real value, then its rollback
            int failing = FixtureModels.publish(rig.store, PROCESS,
                    FixtureModels.failingOn(rig.spark, PROCESS, "CPU", 50, FAILING_CPU), "bad promotion");
            Await.until(WAIT, "the failing model active", () -> version(job.models().current(PROCESS)) == failing);
            phase(rig, 2);
            Await.until(WAIT, "phase C persisted by the failing model", () -> persisted(rig) == 3 * PER_PHASE);
            rig.produce(Topics.PROCESS, "4", List.of(process(4, 999, "boom", T0 + 90, FAILING_CPU)));
            Await.until(WAIT, "the batch failed", () -> metrics.count("stophack_stream_query_restarts", "query",
                    StreamJob.INGEST) >= 1);
            assertThat(persisted(rig)).as("the failing batch wrote no event").isEqualTo(3 * PER_PHASE);
            rig.store.promote(PROCESS, rig.store.rolloutState(PROCESS), 1, entry(HistoryEntry.Action.RolledBack, 1));
            Await.until(WAIT, "the stuck batch replayed with v1", () -> persisted(rig) == 3 * PER_PHASE + 1);

            Dataset<Row> events = rig.parquet(S3Layout.events(PROCESS));
            assertThat(events.select("kafka_partition", "kafka_offset").distinct().count()).as("no duplicate")
                    .isEqualTo(3L * PER_PHASE + 1);
            assertThat(events.groupBy("model_version").count().orderBy("model_version").collectAsList())
                    .extracting(r -> r.getAs("model_version"), r -> r.getAs("count"))
                    .containsExactly(tuple(1, 2L * PER_PHASE + 1), tuple(failing, (long) PER_PHASE));
            Row boom = events.filter("CMD = 'boom'").first();
            assertThat(boom.<Double>getAs("prediction")).isEqualTo(1.0);
            assertThat(metrics.count("stophack_stream_replay_model_switches", "kind", "process")).isEqualTo(1);
            assertThat(metrics.count("stophack_stream_query_restarts", "query", StreamJob.INGEST))
                    .as("failed attempts with the retired version before the switch")
                    .isGreaterThanOrEqualTo(3);

            long stuck = batchOf(rig, batches, 3 * PER_PHASE);
            BatchModelLog.Record record = new BatchModelLog(settings.checkpoint(StreamJob.INGEST),
                    rig.spark.sparkContext().hadoopConfiguration()).recorded(stuck).orElseThrow();
            assertThat(record.versions()).containsEntry(PROCESS, 1);
            assertThat(record.replaced()).as("the log says which version the batch gave up").containsEntry(PROCESS, failing);
            StreamStatus afterRollback = status(rig, stuck);
            assertThat(afterRollback.kinds().get("process").activeVersion()).isEqualTo(1);
            assertThat(afterRollback.kinds().get("process").predictedAttacks()).as("CPU 666, counted from transform's rows")
                    .isEqualTo(1);
            assertThat(java.time.Instant.parse(afterRollback.watermark())).as("the windows' watermark, 20 s behind the heartbeats")
                    .isBefore(java.time.Instant.ofEpochSecond(T0 + 90));
            assertThat(status(rig, batchOf(rig, batches, 0)).kinds().get("process").candidateVersion()).isEqualTo(candidate);
            assertThat(status(rig, batchOf(rig, batches, PER_PHASE)).kinds().get("process").candidateVersion())
                    .as("the batch after the rejection").isNull();
            assertThat(metrics.count("stophack_stream_shadow_disagreements", "kind", "process")).isEqualTo(PER_PHASE);
        } finally {
            rig.spark.streams().removeListener(batches);
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

    private static HistoryEntry entry(HistoryEntry.Action action, int version) {
        return new HistoryEntry(null, PROCESS.id(), action, version, null, null, "test", null, "test");
    }

    private static long persisted(StreamRig rig) {
        return rig.rows(S3Layout.events(PROCESS)).size();
    }

    private static int version(Optional<LoadedModel> model) {
        return model.map(LoadedModel::version).orElse(0);
    }

    private static ShadowStats shadowTotal(StreamRig rig, int candidate) {
        try {
            List<ShadowStats> lines = rig.store.shadowStats(PROCESS, candidate);
            return new ShadowStats(-1, 1, lines.stream().mapToLong(ShadowStats::scored).sum(),
                    lines.stream().mapToLong(ShadowStats::disagreed).sum(),
                    lines.stream().mapToLong(ShadowStats::activeAttacks).sum(),
                    lines.stream().mapToLong(ShadowStats::shadowAttacks).sum(), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The ingest batch that read process record {@code offset} (all of key "4", so all on one partition). */
    private static long batchOf(StreamRig rig, IngestBatches batches, long offset) {
        int partition = rig.parquet(S3Layout.events(PROCESS)).select("kafka_partition").first().getInt(0);
        return batches.batchOf(Topics.PROCESS, partition, offset).orElseThrow();
    }

    /** The newest status record of batch {@code batchId}. */
    private static StreamStatus status(StreamRig rig, long batchId) throws Exception {
        StreamStatus found = null;
        for (ConsumerRecord<String, String> r : rig.readAll(Topics.STREAM_STATUS, 1000)) {
            assertThat(r.key()).isEqualTo(StreamStatus.KEY);
            StreamStatus s = STRICT.readValue(r.value(), StreamStatus.class);
            if (s.batchId() == batchId) {
                found = s;
            }
        }
        assertThat(found).as("a status record of batch %d", batchId).isNotNull();
        return found;
    }
}
