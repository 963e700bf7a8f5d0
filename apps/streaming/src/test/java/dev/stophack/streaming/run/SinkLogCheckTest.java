package dev.stophack.streaming.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkLogCheckTest {
    final Configuration hadoop = new Configuration();
    @TempDir
    Path dir;

    @Test
    void readsTheLatestBatchOfALogIncludingCompactedFiles() throws IOException {
        Path log = dir.resolve("out").resolve(SinkLogCheck.SINK_LOG);
        assertThat(SinkLogCheck.latestBatch(hadoop, hadoopPath(log))).as("no log yet").isEmpty();
        touch(log, "0", "1", "9.compact", "10", ".11.tmp", ".10.crc", "notes");
        assertThat(SinkLogCheck.latestBatch(hadoop, hadoopPath(log))).isEqualTo(OptionalLong.of(10));
        assertThat(SinkLogCheck.batchId("19.compact")).isEqualTo(19);
        assertThat(SinkLogCheck.batchId("٣")).as("only ASCII digits").isEqualTo(-1);
        assertThat(SinkLogCheck.batchId(".compact")).isEqualTo(-1);
    }

    @Test
    void acceptsALogAtOrBehindTheCheckpointsPlannedBatch() throws IOException {
        touch(dir.resolve("cp").resolve(SinkLogCheck.OFFSETS), "0", "1", "2");
        touch(dir.resolve("cp").resolve("commits"), "0", "1");
        touch(dir.resolve("a").resolve(SinkLogCheck.SINK_LOG), "0", "1", "2"); // died before commits/2
        touch(dir.resolve("b").resolve(SinkLogCheck.SINK_LOG), "0", "1");
        assertThatCode(() -> SinkLogCheck.requireCheckpointCovers(hadoop, "ingest", uri("cp"),
                List.of(uri("a"), uri("b"), uri("never-written")))).doesNotThrowAnyException();
    }

    @Test
    void refusesALogAheadOfALostOrOlderCheckpointSayingWhatToDo() throws IOException {
        touch(dir.resolve("out").resolve(SinkLogCheck.SINK_LOG), "0", "1", "2", "3");
        assertThatThrownBy(() -> SinkLogCheck.requireCheckpointCovers(hadoop, "ingest", uri("lost"), List.of(uri("out"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the output " + uri("out") + " has committed batches up to 3 of query ingest")
                .hasMessageContaining("has no batch (lost or reset)")
                .hasMessageContaining("Restore the checkpoint").hasMessageContaining("--output");
        touch(dir.resolve("old").resolve(SinkLogCheck.OFFSETS), "0", "1");
        assertThatThrownBy(() -> SinkLogCheck.requireCheckpointCovers(hadoop, "ingest", uri("old"), List.of(uri("out"))))
                .hasMessageContaining("is at batch 1");
    }

    private String uri(String name) {
        return dir.resolve(name).toUri().toString().replaceAll("/$", "");
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    private static void touch(Path directory, String... names) throws IOException {
        Files.createDirectories(directory);
        for (String n : names) {
            Files.writeString(directory.resolve(n), "v1\n");
        }
    }
}
