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
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.BrokerProcess;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
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

/**
 * The Kafka broker, a process of its own as on the laptop, is killed with SIGKILL while the job
 * streams, stays away long enough for every client to notice, and comes back on the same port and
 * data directory. Afterwards every event is in the parquet once, and the window and join outputs
 * are those of a run without the fault.
 */
class BrokerKillTest {
    @RegisterExtension
    static final TestServices S3 = TestServices.builder().s3().build();
    static final Duration WAIT = Duration.ofMinutes(3);
    static final Duration OUTAGE = Duration.ofSeconds(25);
    static final int PER_PHASE = 20;

    @Test
    void aBrokerKilledWhileTheJobStreamsLosesAndDuplicatesNothing(@TempDir Path data) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "broker-kill")).resolve("kafka.log");
        Files.deleteIfExists(log);
        BrokerProcess broker = new BrokerProcess(FreePort.pick(), data, log).start();
        try {
            StreamRig rig = new StreamRig(broker.bootstrap(), S3);
            FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "test");
            FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "test");
            try (StreamJob job = new StreamJob(rig.spark, rig.settings("broker-kill", false, Duration.ofSeconds(1)),
                    rig.store, new StreamMetrics()).start()) {
                phase(rig, 0);
                Await.until(WAIT, "phase A persisted", () -> events(rig) >= 2 * PER_PHASE);

                phase(rig, 1); // acknowledged, then the broker dies while the job reads and writes them
                broker.kill();
                // long enough for every client to notice (connections refused, metadata requests
                // failing, the next batch's offsets unknown); Spark's own timeouts are a minute and more
                Thread.sleep(OUTAGE.toMillis());
                broker.start();

                phase(rig, 2);
                Await.until(WAIT, "every phase persisted after the restart", () -> events(rig) >= 6 * PER_PHASE);
                rig.produce(Topics.PROCESS, "4", List.of(process(4, 9000, "flush", T0 + 600, 10)));
                rig.produce(Topics.MEMORY, "4", List.of(memory(4, 9000, "flush", T0 + 600, 1, "1K")));
                Await.until(WAIT, "the window's final count", () -> !rig.rows(S3Layout.POTENTIAL_ATTACKS).isEmpty());
                Await.until(WAIT, "the join rows", () -> rig.rows(S3Layout.DETECTED_ATTACKS).size() >= 3 * PER_PHASE / 4);
                Await.until(WAIT, "every query running", job::healthy);
            }

            for (EventKind kind : EventKind.values()) {
                Dataset<Row> events = rig.parquet(S3Layout.events(kind));
                assertThat(events.count()).as("%s events, duplicates included", kind)
                        .isEqualTo(events.select("kafka_partition", "kafka_offset").distinct().count())
                        .isEqualTo(3 * PER_PHASE + 1);
            }
            assertThat(rig.rows(S3Layout.DEADLETTER)).isEmpty();
            assertThat(rig.rows(S3Layout.POTENTIAL_ATTACKS)).extracting(
                    r -> r.<Timestamp>getAs("window_start").toInstant().getEpochSecond(), r -> r.getAs("machine"),
                    r -> r.getAs("count"))
                    .as("the even PIDs, each once").containsExactly(tuple(T0, 4, 3L * PER_PHASE / 2));
            Dataset<Row> detected = rig.parquet(S3Layout.DETECTED_ATTACKS);
            assertThat(detected.count()).as("multiples of 4 joined exactly once")
                    .isEqualTo(detected.select("CMD_PID").distinct().count()).isEqualTo(3 * PER_PHASE / 4);
        } finally {
            broker.kill();
        }
    }

    /** Process i is an attack when even, memory i (5 s later) when a multiple of 4: all in the first window. */
    private static void phase(StreamRig rig, int phase) {
        List<String> p = new ArrayList<>();
        List<String> m = new ArrayList<>();
        for (int j = 0; j < PER_PHASE; j++) {
            int i = phase * PER_PHASE + j;
            p.add(process(4, i, "k" + i, T0 + i, i % 2 == 0 ? 90 : 10));
            m.add(memory(4, i, "k" + i, T0 + i + 5, i % 4 == 0 ? 9 : 1, "1K"));
        }
        rig.produce(Topics.PROCESS, "4", p);
        rig.produce(Topics.MEMORY, "4", m);
    }

    private static long events(StreamRig rig) {
        return rig.rows(S3Layout.events(EventKind.PROCESS)).size() + rig.rows(S3Layout.events(EventKind.MEMORY)).size();
    }
}
