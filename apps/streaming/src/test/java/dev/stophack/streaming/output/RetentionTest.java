package dev.stophack.streaming.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.testkit.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.FileStreamSinkLog;
import org.apache.spark.sql.execution.streaming.SinkFileStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option$;

/**
 * Retention on a real file sink and its log: batches 0-4 were committed three days ago into an
 * old partition, 5-8 now, and batch 9 (a compaction batch) is written by the job's sink. With a
 * retention of one day the log forgets 0-4 and the sweep deletes their files; what a reader
 * sees through the log is then exactly batches 5-9, and no reader meets a missing file.
 */
class RetentionTest {
    static final String OLD_DATE = "2026-11-01";
    static final String NEW_DATE = "2026-11-30";
    static final int ROWS_PER_BATCH = 3;
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theLogForgetsOldFilesAndTheSweepDeletesExactlyThose() throws IOException {
        Path base = tmp.resolve("events");
        Instant now = Instant.now();
        seedBatches(base, now);
        Path orphan = oldFile(base, "part-orphan.parquet", now); // an attempt that died before its commit
        Path inFlight = Files.writeString(base.resolve("date=" + OLD_DATE).resolve("part-in-flight.parquet"), "");

        Retention oneDay = Retention.days(1);
        new ParquetSink(spark, base.toUri().toString(), List.of("date"), oneDay).write(9, batch(9, NEW_DATE));
        assertThat(spark.read().parquet(base.toUri().toString()).count()).as("read through the compacted log")
                .isEqualTo(5L * ROWS_PER_BATCH);

        long deleted = oneDay.sweep(spark, base.toUri().toString(), now);

        assertThat(deleted).as("batches 0-4 and the orphan").isEqualTo(6);
        assertThat(filesUnder(base.resolve("date=" + OLD_DATE))).containsExactly(inFlight);
        assertThat(orphan).doesNotExist();
        assertThat(filesUnder(base.resolve("date=" + NEW_DATE))).map(p -> p.getFileName().toString())
                .filteredOn(name -> name.startsWith("part-batch-"))
                .containsExactlyInAnyOrder("part-batch-5.parquet", "part-batch-6.parquet", "part-batch-7.parquet",
                        "part-batch-8.parquet");
        Dataset<Row> read = spark.read().parquet(base.toUri().toString());
        assertThat(read.count()).isEqualTo(5L * ROWS_PER_BATCH);
        assertThat(read.selectExpr("min(batch)").first().getLong(0)).isEqualTo(5);
    }

    @Test
    void withoutRetentionInTheSinkTheSweepDeletesNothingTheLogStillLists() throws IOException {
        Path base = tmp.resolve("events");
        Instant now = Instant.now();
        seedBatches(base, now);
        oldFile(base, "part-orphan.parquet", now);

        new ParquetSink(spark, base.toUri().toString(), List.of("date")).write(9, batch(9, NEW_DATE));
        long deleted = Retention.days(1).sweep(spark, base.toUri().toString(), now);

        assertThat(deleted).as("only the orphan").isEqualTo(1);
        assertThat(spark.read().parquet(base.toUri().toString()).count()).isEqualTo(10L * ROWS_PER_BATCH);
    }

    @Test
    void keepingEverythingSetsNoOptionAndSweepsNothing() {
        assertThat(Retention.days(0).sinkOptions()).isEmpty();
        assertThat(Retention.days(0).sweep(spark, tmp.toUri().toString(), Instant.now())).isZero();
        assertThat(Retention.days(7).sinkOptions()).containsEntry("retention", Duration.ofDays(7).toMillis() + "ms");
    }

    /** Batches 0-4 three days old in the old partition, 5-8 current in today's, all committed in the log. */
    private static void seedBatches(Path base, Instant now) throws IOException {
        FileStreamSinkLog log = new FileStreamSinkLog(FileStreamSinkLog.VERSION(), spark,
                base.resolve("_spark_metadata").toUri().toString(), Option$.MODULE$.empty());
        for (int id = 0; id < 9; id++) {
            boolean old = id < 5;
            Path file = parquetFile(base, id, old ? OLD_DATE : NEW_DATE);
            Instant written = old ? now.minus(Duration.ofDays(3)) : now;
            Files.setLastModifiedTime(file, FileTime.from(written));
            SinkFileStatus status = new SinkFileStatus(file.toUri().toString(), Files.size(file), false,
                    written.toEpochMilli(), 1, 1L << 25, FileStreamSinkLog.ADD_ACTION());
            log.add(id, new SinkFileStatus[] {status});
        }
    }

    /** One batch's rows written by Spark as one parquet file, moved into its date partition. */
    private static Path parquetFile(Path base, int id, String date) throws IOException {
        Path staging = base.getParent().resolve("staging-" + id);
        batch(id, date).drop("date").coalesce(1).write().parquet(staging.toUri().toString());
        Path part;
        try (Stream<Path> files = Files.list(staging)) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path target = Files.createDirectories(base.resolve("date=" + date)).resolve("part-batch-" + id + ".parquet");
        return Files.move(part, target);
    }

    private static Path oldFile(Path base, String name, Instant now) throws IOException {
        Path file = Files.writeString(Files.createDirectories(base.resolve("date=" + OLD_DATE)).resolve(name), "");
        Files.setLastModifiedTime(file, FileTime.from(now.minus(Duration.ofDays(3))));
        return file;
    }

    private static Dataset<Row> batch(int id, String date) {
        return spark.range(ROWS_PER_BATCH).selectExpr(id + "L AS batch", "id", "DATE'" + date + "' AS date");
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
