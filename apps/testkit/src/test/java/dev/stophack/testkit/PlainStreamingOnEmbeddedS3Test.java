package dev.stophack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A Structured Streaming query that knows nothing of stophack (Spark's own checkpoint file
 * manager, only the s3a settings, either marker policy) keeps its file sink and its checkpoint on
 * the embedded S3, is stopped and restarted, and the sink holds every row exactly once: what a
 * user's own job pointed at {@code stophack s3} needs from the store.
 */
class PlainStreamingOnEmbeddedS3Test {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("name", DataTypes.StringType);

    @TempDir
    Path tmp;

    /** Both of s3a's directory marker policies: stophack's "keep", and "delete", hadoop-aws 3.3.4's default. */
    @ParameterizedTest(name = "data kept {0}, markers: {1}")
    @CsvSource({"in memory, keep", "on disk, keep", "in memory, delete", "on disk, delete"})
    void aFileSinkAndItsCheckpointOnS3WriteAndRestartCleanly(String store, String markers) throws Exception {
        TestServices.Builder builder = TestServices.builder();
        try (TestServices services = (store.equals("on disk") ? builder.s3(tmp.resolve("s3")) : builder.s3()).start()) {
            SparkSession spark = LocalSpark.session(services.s3());
            // no s3a file system is cached yet: the first one built sees this
            spark.sparkContext().hadoopConfiguration().set("fs.s3a.directory.marker.retention", markers);
            Path input = Files.createDirectories(tmp.resolve("input"));
            String out = services.s3a("plain/out");
            String checkpoint = services.s3a("plain/checkpoint");

            writeInput(input, "a.json", 0, 3);
            writeInput(input, "b.json", 3, 6);
            runUntilCaughtUp(spark, input, out, checkpoint);

            // the restarted query must resume after a and b, from its checkpoint and sink log
            writeInput(input, "c.json", 6, 10);
            runUntilCaughtUp(spark, input, out, checkpoint);

            List<Long> ids = spark.read().parquet(out).select("id").collectAsList().stream()
                    .map(row -> row.getLong(0)).sorted().collect(Collectors.toList());
            assertThat(ids).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> (long) i).collect(Collectors.toList()));
            assertThat(spark.read().parquet(out).where("name = 'row-7'").collectAsList())
                    .extracting(Row::toString).containsExactly("[7,row-7]");
            // the policy was in force: a written directory keeps its marker, or loses it to its files
            assertThat(markerExists(services, "plain/checkpoint/offsets/")).isEqualTo(markers.equals("keep"));
        }
    }

    private static void runUntilCaughtUp(SparkSession spark, Path input, String out, String checkpoint)
            throws TimeoutException, StreamingQueryException {
        StreamingQuery query = spark.readStream()
                .schema(SCHEMA)
                .option("maxFilesPerTrigger", 1)
                .json(input.toString())
                .writeStream()
                .format("parquet")
                .option("path", out)
                .option("checkpointLocation", checkpoint)
                .trigger(Trigger.ProcessingTime(100))
                .start();
        try {
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        // a failure inside the query surfaces here rather than as a silently empty sink
        assertThat(query.exception().isEmpty()).as("query failed: %s", query.exception()).isTrue();
    }

    private static boolean markerExists(TestServices services, String key) {
        try {
            services.s3Client().headObject(r -> r.bucket(services.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static void writeInput(Path dir, String name, int from, int to) throws IOException {
        String lines = IntStream.range(from, to)
                .mapToObj(i -> "{\"id\":" + i + ",\"name\":\"row-" + i + "\"}")
                .collect(Collectors.joining("\n", "", "\n"));
        // written aside, then moved: the file source must never see half a file
        Path part = Files.writeString(dir.resolve("." + name + ".tmp"), lines, StandardCharsets.UTF_8);
        Files.move(part, dir.resolve(name));
    }
}
