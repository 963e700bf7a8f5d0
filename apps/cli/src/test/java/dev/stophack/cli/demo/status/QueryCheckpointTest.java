package dev.stophack.cli.demo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.storage.LocalBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCheckpointTest {
    /** An offsets file as Spark 3.5 writes it for a query with one Kafka source. */
    private static String offsets(String kafka) {
        return "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1764520000000,\"conf\":{\"spark.sql.shuffle.partitions\":\"2\"}}\n"
                + kafka;
    }

    @Test
    void theLastCommittedBatchsOffsetsNotTheOneInFlight(@TempDir Path dir) throws Exception {
        LocalBlobStore bucket = new LocalBlobStore(dir);
        QueryCheckpoint checkpoint = new QueryCheckpoint(bucket, "ingest");
        assertThat(checkpoint.committed()).isEmpty();
        bucket.put("checkpoints/ingest/offsets/9", offsets("{\"process\":{\"0\":50,\"1\":40}}").getBytes(StandardCharsets.UTF_8));
        bucket.put("checkpoints/ingest/offsets/10", offsets("{\"process\":{\"0\":95,\"1\":120},\"memory\":{\"0\":280,\"1\":300}}")
                .getBytes(StandardCharsets.UTF_8));
        bucket.put("checkpoints/ingest/offsets/11", offsets("{\"process\":{\"0\":99,\"1\":130}}").getBytes(StandardCharsets.UTF_8));
        bucket.put("checkpoints/ingest/commits/9", "v1\n{}".getBytes(StandardCharsets.UTF_8));
        bucket.put("checkpoints/ingest/commits/10", "v1\n{}".getBytes(StandardCharsets.UTF_8));
        bucket.put("checkpoints/ingest/commits/.10.crc", new byte[] {1});
        assertThat(checkpoint.committed()).contains(Map.of("process:0", 95L, "process:1", 120L, "memory:0", 280L, "memory:1", 300L));
    }

    @Test
    void stepsGrowWhenABatchStartsAndWhenItIsCommitted(@TempDir Path dir) throws Exception {
        LocalBlobStore bucket = new LocalBlobStore(dir);
        QueryCheckpoint checkpoint = new QueryCheckpoint(bucket, "ingest");
        assertThat(checkpoint.steps()).isZero();
        bucket.put("checkpoints/ingest/offsets/0", offsets("{\"process\":{\"0\":5}}").getBytes(StandardCharsets.UTF_8));
        assertThat(checkpoint.steps()).as("the first batch started, nothing committed").isEqualTo(1);
        assertThat(checkpoint.committed()).isEmpty();
        bucket.put("checkpoints/ingest/commits/0", "v1\n{}".getBytes(StandardCharsets.UTF_8));
        bucket.put("checkpoints/ingest/commits/.0.crc", new byte[] {1});
        assertThat(checkpoint.steps()).isEqualTo(2);
    }

    @Test
    void aTopicReadTwiceCountsAsFarAsItsSlowerSource() {
        String join = offsets("{\"attack-predictions\":{\"0\":40,\"1\":70}}\n{\"attack-predictions\":{\"0\":45,\"1\":60}}");
        assertThat(QueryCheckpoint.parse(join)).isEqualTo(Map.of("attack-predictions:0", 40L, "attack-predictions:1", 60L));
    }

    @Test
    void caughtUpWhenEveryPartitionWithDataIsReadToItsEnd() {
        Map<String, Long> committed = Map.of("process:0", 95L, "process:1", 120L);
        assertThat(QueryCheckpoint.caughtUp(committed, Map.of("process:0", 95L, "process:1", 120L, "memory:0", 0L))).isTrue();
        assertThat(QueryCheckpoint.caughtUp(committed, Map.of("process:0", 96L, "process:1", 120L))).isFalse();
        assertThat(QueryCheckpoint.caughtUp(committed, Map.of("memory:1", 1L))).as("a partition not read yet").isFalse();
    }
}
