package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.ChildJob;
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

/**
 * The job runs as its own process, is killed with SIGKILL in the middle of the stream and
 * started again: the final rows are those of an uninterrupted run, with no loss and no duplicate.
 */
class KillAndRestartTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final int N = 200;
    static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void aKilledJobRestartsWhereItStoppedWithoutLossOrDuplicates() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "test");
        FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "test");
        // process i is an attack when i is even, memory i when i is a multiple of 4; two events a second,
        // in event-time order, memory 10 s after process: all in the first window, none late
        List<String> processEvents = new ArrayList<>();
        List<String> memoryEvents = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            processEvents.add(process(4, i, "p" + i, T0 + i / 2, i % 2 == 0 ? 90 : 10));
            memoryEvents.add(memory(4, i, "p" + i, T0 + i / 2 + 10, i % 4 == 0 ? 9 : 1, "1K"));
        }
        rig.produce(Topics.PROCESS, "4", processEvents);
        rig.produce(Topics.MEMORY, "4", memoryEvents);

        Path log = Files.createDirectories(Path.of("target", "kill-test")).resolve("stream.log");
        String[] args = {"--trigger", "1s", "--model-poll", "1s", "--max-offsets-per-trigger", "100"};
        Process first = ChildJob.start(SERVICES, log, args);
        long persistedAtKill;
        try {
            Await.until(WAIT, "the first batches committed", () -> events(rig) > 0);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
            first.waitFor();
        }
        persistedAtKill = events(rig);
        assertThat(persistedAtKill).as("killed in the middle of the stream").isLessThan(2L * N);

        Process second = ChildJob.start(SERVICES, log, args);
        try {
            Await.until(WAIT, "every event persisted after the restart", () -> events(rig) >= 2L * N);
            rig.produce(Topics.PROCESS, "4", List.of(process(4, 9000, "flush", T0 + 600, 10)));
            rig.produce(Topics.MEMORY, "4", List.of(memory(4, 9000, "flush", T0 + 600, 1, "1K")));
            Await.until(WAIT, "the window's final count", () -> !rig.rows(S3Layout.POTENTIAL_ATTACKS).isEmpty());
            Await.until(WAIT, "every join row", () -> rig.rows(S3Layout.DETECTED_ATTACKS).size() >= N / 4);
        } finally {
            second.destroyForcibly();
            second.waitFor();
        }

        for (EventKind kind : EventKind.values()) {
            Dataset<Row> events = rig.parquet(S3Layout.events(kind));
            assertThat(events.count()).as("%s events", kind).isEqualTo(N + 1);
            assertThat(events.select("kafka_partition", "kafka_offset").distinct().count()).as("%s duplicates", kind)
                    .isEqualTo(N + 1);
        }
        assertThat(rig.rows(S3Layout.POTENTIAL_ATTACKS)).extracting(
                r -> r.<Timestamp>getAs("window_start").toInstant().getEpochSecond(), r -> r.getAs("machine"),
                r -> r.getAs("count"))
                .as("the even PIDs, each once").containsExactly(tuple(T0, 4, (long) N / 2));
        Dataset<Row> detected = rig.parquet(S3Layout.DETECTED_ATTACKS);
        assertThat(detected.count()).as("multiples of 4 joined exactly once").isEqualTo(N / 4);
        assertThat(detected.select("CMD_PID").distinct().count()).isEqualTo(N / 4);
        assertThat(rig.rows(S3Layout.DEADLETTER)).isEmpty();
        assertThat(Files.readString(log)).contains("ingest batch");
    }

    private static long events(StreamRig rig) {
        return rig.rows(S3Layout.events(EventKind.PROCESS)).size() + rig.rows(S3Layout.events(EventKind.MEMORY)).size();
    }
}
