package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.support.ChildJob;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job wrote its outputs, then its checkpoints were lost. Started again, Spark would count its
 * batches from 0 and the file sinks would skip every batch id they already have: the new events
 * would be dropped without a word. The job must refuse to start, say what to do and exit
 * non-zero; and doing what it says (a new output root) must get every event written.
 */
class CheckpointResetTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final int FIRST = 10;
    static final int LATER = 6;

    @Test
    void refusesToStartWhenAnOutputRemembersBatchesItsCheckpointDoesNot() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        rig.produce(Topics.PROCESS, "4", events(0, FIRST));
        rig.produce(Topics.MEMORY, "4", List.of(memory(4, 1, "m", T0, 1, 0)));
        rig.runOnce("reset");
        // a second batch, so that the sink logs are ahead of a fresh checkpoint's first batch
        rig.produce(Topics.PROCESS, "4", events(FIRST, 2));
        rig.runOnce("reset");
        assertThat(processEvents(rig).count()).isEqualTo(FIRST + 2);

        String checkpoints = SERVICES.s3a(S3Layout.CHECKPOINTS + "/reset");
        FileSystem fs = new org.apache.hadoop.fs.Path(checkpoints).getFileSystem(rig.spark.sparkContext().hadoopConfiguration());
        assertThat(fs.delete(new org.apache.hadoop.fs.Path(checkpoints), true)).as("checkpoints lost").isTrue();
        rig.produce(Topics.PROCESS, "4", events(FIRST + 2, LATER));

        Path log = Files.createDirectories(Path.of("target", "checkpoint-reset")).resolve("stream.log");
        Files.deleteIfExists(log);
        Process job = ChildJob.start(SERVICES, log, "--once", "--checkpoints", checkpoints);
        assertThat(job.waitFor(5, TimeUnit.MINUTES)).as("the job ends by itself").isTrue();
        String output = Files.readString(log);
        assertThat(job.exitValue()).as(output).isNotZero();
        assertThat(output).contains("stream: the output " + SERVICES.s3a("events/process") + " has committed batches up to 1"
                + " of query ingest").contains("has no batch (lost or reset)").contains("Restore the checkpoint")
                .contains("new output root (--output)");
        assertThat(processEvents(rig).count()).as("the refused run wrote nothing").isEqualTo(FIRST + 2);
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(checkpoints + "/" + StreamJob.INGEST + "/offsets")))
                .as("and started no query").isFalse();

        StreamSettings fresh = new StreamSettings(rig.connection(), SERVICES.s3a("fresh"), SERVICES.s3a("fresh/checkpoints"),
                Duration.ofSeconds(1), true, "earliest", 100_000, 2, Duration.ofMillis(500),
                rig.settings("unused", true, Duration.ofSeconds(1)).maxFuture());
        try (StreamJob again = new StreamJob(rig.spark, fresh, rig.store, new StreamMetrics())) {
            again.run();
        }
        Dataset<Row> all = rig.spark.read().parquet(SERVICES.s3a("fresh/" + S3Layout.events(EventKind.PROCESS)));
        assertThat(all.count()).as("a new output root gets every event, none twice").isEqualTo(FIRST + 2 + LATER);
        assertThat(all.select("kafka_partition", "kafka_offset").distinct().count()).isEqualTo(FIRST + 2 + LATER);
    }

    private static List<String> events(int from, int n) {
        List<String> events = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            events.add(process(4, i, "p" + i, T0 + i, 10));
        }
        return events;
    }

    private static Dataset<Row> processEvents(StreamRig rig) {
        return rig.parquet(S3Layout.events(EventKind.PROCESS));
    }
}
