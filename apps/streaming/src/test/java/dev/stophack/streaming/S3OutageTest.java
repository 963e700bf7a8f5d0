package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.embedded.FreePort;
import dev.stophack.embedded.s3.EmbeddedS3;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 goes away while events keep coming (outputs and checkpoints both live there): the queries
 * fail and are restarted with back-off, and once S3 is back every event is in its output exactly
 * once. S3 stays away for a full minute, as long as the longest back-off between restarts.
 */
class S3OutageTest {
    @RegisterExtension
    static final TestServices KAFKA = TestServices.builder().kafka().build();
    static final Duration WAIT = Duration.ofMinutes(2);
    static final int PER_PHASE = 20;
    static final Duration OUTAGE = Duration.ofMinutes(1);

    @Test
    void anOutageDelaysTheOutputsAndLosesNothing(@TempDir Path data) throws Exception {
        int port = FreePort.pick();
        EmbeddedS3 s3 = start(port, data);
        S3Client client = TestServices.s3Client(s3);
        try {
            StreamRig rig = new StreamRig(KAFKA, s3, client);
            FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "test");
            FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "test");
            StreamMetrics metrics = new StreamMetrics();
            try (StreamJob job = new StreamJob(rig.spark, rig.settings("outage", false, Duration.ofSeconds(1)), rig.store,
                    metrics).start()) {
                phase(rig, 0);
                Await.until(WAIT, "phase A persisted", () -> events(rig) >= 2 * PER_PHASE);

                s3.close();
                long down = System.nanoTime();
                phase(rig, 1);
                Await.until(WAIT, "a query failed on the outage", () -> restarts(metrics) > 0);
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
                s3 = start(port, data);

                Await.until(WAIT, "phase B persisted after the outage", () -> events(rig) >= 4 * PER_PHASE);
                rig.produce(Topics.PROCESS, "4", List.of(process(4, 9000, "flush", T0 + 600, 10)));
                rig.produce(Topics.MEMORY, "4", List.of(memory(4, 9000, "flush", T0 + 600, 1, "1K")));
                Await.until(WAIT, "the window's final count", () -> !rig.rows(S3Layout.POTENTIAL_ATTACKS).isEmpty());
                Await.until(WAIT, "the join rows", () -> rig.rows(S3Layout.DETECTED_ATTACKS).size() >= PER_PHASE / 2);

                for (EventKind kind : EventKind.values()) {
                    // an event's identity is its Kafka record: (topic, partition, offset); the topic is the kind
                    Dataset<Row> events = rig.parquet(S3Layout.events(kind));
                    long count = events.count();
                    long distinct = events.select("kafka_partition", "kafka_offset").distinct().count();
                    assertThat(count).as("%s events persisted, duplicates included", kind).isEqualTo(distinct);
                    assertThat(distinct).as("%s events, each once", kind).isEqualTo(2 * PER_PHASE + 1);
                }
                assertThat(rig.rows(S3Layout.DEADLETTER)).isEmpty();
                assertThat(rig.rows(S3Layout.POTENTIAL_ATTACKS)).extracting(
                        r -> r.<Timestamp>getAs("window_start").toInstant().getEpochSecond(), r -> r.getAs("machine"),
                        r -> r.getAs("count"))
                        .containsExactly(tuple(T0, 4, (long) PER_PHASE));
                Dataset<Row> detected = rig.parquet(S3Layout.DETECTED_ATTACKS);
                assertThat(detected.count()).isEqualTo(detected.select("CMD_PID").distinct().count()).isEqualTo(PER_PHASE / 2);
                assertThat(restarts(metrics)).as("restarted, not stopped").isPositive();
            }
        } finally {
            client.close();
            s3.close();
        }
    }

    private static EmbeddedS3 start(int port, Path data) {
        return new EmbeddedS3(port, data, EmbeddedS3.DEFAULT_ACCESS_KEY, EmbeddedS3.DEFAULT_SECRET_KEY,
                EmbeddedS3.DEFAULT_BUCKET).start();
    }

    /** Process i is an attack when even, memory i (5 s later) when a multiple of 4; one event a second. */
    private static void phase(StreamRig rig, int phase) {
        List<String> p = new ArrayList<>();
        List<String> m = new ArrayList<>();
        for (int j = 0; j < PER_PHASE; j++) {
            int i = phase * PER_PHASE + j;
            p.add(process(4, i, "o" + i, T0 + i, i % 2 == 0 ? 90 : 10));
            m.add(memory(4, i, "o" + i, T0 + i + 5, i % 4 == 0 ? 9 : 1, "1K"));
        }
        rig.produce(Topics.PROCESS, "4", p);
        rig.produce(Topics.MEMORY, "4", m);
    }

    private static long events(StreamRig rig) {
        try {
            return rig.rows(S3Layout.events(EventKind.PROCESS)).size() + rig.rows(S3Layout.events(EventKind.MEMORY)).size();
        } catch (RuntimeException e) {
            return -1; // S3 is away
        }
    }

    private static double restarts(StreamMetrics metrics) {
        double n = 0;
        for (String q : List.of(StreamJob.INGEST, StreamJob.POTENTIAL, StreamJob.COUNTS, StreamJob.DETECTED)) {
            n += metrics.count("stophack_stream_query_restarts", "query", q);
        }
        return n;
    }
}
