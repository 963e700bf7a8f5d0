package dev.stophack.query;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.spark.OutputSchemas;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.streaming.FileStreamSink;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A small pipeline's outputs in the streaming job's schemas, with every number known: three
 * machines, both models switching from v1 to v2 at T0 + 125 s, two detected attacks, three dead
 * letters, and both kinds' rollout history. Written the ways the job and its past wrote them:
 * {@code events/process/} through Spark's streaming file sink (with a {@code _spark_metadata}
 * log, and a stray file of an attempt that never committed beside the committed one),
 * {@code events/memory/} half with INT96 timestamps (older files) and half with TIMESTAMP_MICROS,
 * {@code deadletter/} without the {@code raw_*} columns, as the job wrote it before it kept them.
 */
public final class Fixtures {
    /** 2024-03-01T10:00:00Z, the start of a 2-minute window. */
    public static final long T0 = 1_709_287_200L;
    public static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    /** The machine and PID of the row only the uncommitted file has. */
    public static final int STRAY_PID = 999;

    private Fixtures() {
    }

    /** Writes every output and both histories under {@code root} ({@code file:/...} or {@code s3a://...}). */
    public static void write(SparkSession spark, String root) throws IOException {
        String timestamps = spark.conf().get("spark.sql.parquet.outputTimestampType");
        try {
            spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
            writeProcessEvents(spark, root);
            writeMemoryEvents(spark, root);
            write(spark, root + "/" + S3Layout.POTENTIAL_ATTACKS, OutputSchemas.potentialAttacks(), List.of(
                    RowFactory.create(ts(0), ts(120), 4, 1L, date()),
                    RowFactory.create(ts(120), ts(240), 4, 1L, date()),
                    RowFactory.create(ts(120), ts(240), 5, 1L, date())));
            write(spark, root + "/" + S3Layout.DETECTED_ATTACKS, OutputSchemas.detectedAttacks(), List.of(
                    detected(4, 100, "evil", 0, 5, 1), detected(5, 201, "miner", 140, 150, 2)));
            StructType oldDeadLetters = without(OutputSchemas.deadLetters(), "raw_bytes", "raw_sha256", "raw_truncated");
            write(spark, root + "/" + S3Layout.DEADLETTER, oldDeadLetters, List.of(
                    RowFactory.create("process", 0, 7L, "not-json: Unexpected character ('o')", "not json{", ts(3), date()),
                    RowFactory.create("process", 1, 9L, "absurd-value: CPU=-5", "{\"CPU\":-5}", ts(4), date()),
                    RowFactory.create("memory", 0, 3L, "not-json: empty value", "", ts(5), date())));
            history(spark, root, EventKind.PROCESS);
            history(spark, root, EventKind.MEMORY);
        } finally {
            spark.conf().set("spark.sql.parquet.outputTimestampType", timestamps);
        }
    }

    /** Committed: six events through the sink's log. Not committed: one more, in a file the log does not list. */
    private static void writeProcessEvents(SparkSession spark, String root) throws IOException {
        String path = root + "/" + S3Layout.events(EventKind.PROCESS);
        List<Row> rows = List.of(
                event(EventKind.PROCESS, 4, 100, "evil", 0, 1.0, 0.9, 1, 0),
                event(EventKind.PROCESS, 4, 101, "sshd", 10, 0.0, 0.1, 1, 1),
                event(EventKind.PROCESS, 5, 200, "cron", 20, 0.0, 0.2, 1, 2),
                event(EventKind.PROCESS, 6, 300, "bash", 30, null, null, null, 3),
                event(EventKind.PROCESS, 4, 102, "evil", 130, 1.0, 0.8, 2, 4),
                event(EventKind.PROCESS, 5, 201, "miner", 140, 1.0, 0.95, 2, 5));
        Dataset<Row> committed = spark.createDataFrame(rows, OutputSchemas.events(EventKind.PROCESS));
        new FileStreamSink(spark, path, new ParquetFileFormat(),
                JavaConverters.asScalaBuffer(List.of(S3Layout.DATE_PARTITION)).toSeq(),
                scala.collection.immutable.Map$.MODULE$.<String, String>empty()).addBatch(0, committed);

        String stray = root + "/stray-attempt";
        spark.createDataFrame(List.of(event(EventKind.PROCESS, 4, STRAY_PID, "ghost", 50, 1.0, 1.0, 1, 6)),
                OutputSchemas.events(EventKind.PROCESS)).drop(S3Layout.DATE_PARTITION).coalesce(1)
                .write().parquet(stray);
        Path target = new Path(path + "/date=" + DAY + "/part-99999-uncommitted.snappy.parquet");
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(new Path(stray))) {
            if (f.getPath().getName().endsWith(".parquet")) {
                org.apache.hadoop.fs.FileUtil.copy(fs, f.getPath(), fs, target, false, spark.sparkContext().hadoopConfiguration());
            }
        }
        fs.delete(new Path(stray), true);
    }

    /** Three events in an INT96 file (as the job wrote before), two in a TIMESTAMP_MICROS file. */
    private static void writeMemoryEvents(SparkSession spark, String root) {
        String path = root + "/" + S3Layout.events(EventKind.MEMORY);
        spark.conf().set("spark.sql.parquet.outputTimestampType", "INT96");
        spark.createDataFrame(List.of(
                event(EventKind.MEMORY, 4, 100, "evil", 5, 1.0, 0.85, 1, 0),
                event(EventKind.MEMORY, 4, 101, "sshd", 12, 0.0, 0.05, 1, 1),
                event(EventKind.MEMORY, 6, 300, "bash", 33, 0.0, 0.3, 1, 2)), OutputSchemas.events(EventKind.MEMORY))
                .write().partitionBy(S3Layout.DATE_PARTITION).mode(SaveMode.Overwrite).parquet(path);
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        spark.createDataFrame(List.of(
                event(EventKind.MEMORY, 5, 201, "miner", 150, 1.0, 0.7, 2, 3),
                event(EventKind.MEMORY, 5, 202, "cron", 160, 0.0, 0.1, 2, 4)), OutputSchemas.events(EventKind.MEMORY))
                .write().partitionBy(S3Layout.DATE_PARTITION).mode(SaveMode.Append).parquet(path);
    }

    private static void write(SparkSession spark, String path, StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema).write().partitionBy(S3Layout.DATE_PARTITION).mode(SaveMode.Overwrite)
                .parquet(path);
    }

    /** Both models: v1 promoted a minute before T0, v2 at T0 + 125 s. */
    private static void history(SparkSession spark, String root, EventKind kind) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
        HistoryEntry first = new HistoryEntry(instant(-60).toString(), kind.id(), HistoryEntry.Action.Promoted, 1,
                null, 1, "first version", Map.of("f1", 0.91), "stophack models activate");
        first.generation = 1L;
        HistoryEntry second = new HistoryEntry(instant(125).toString(), kind.id(), HistoryEntry.Action.Promoted, 2, 1,
                2, "passed the gate", Map.of("f1", 0.93, "auc", 0.97), "stophack rollout watch");
        second.generation = 2L;
        Path file = new Path(root + "/" + S3Layout.MODELS + "/" + S3Layout.historyFile(kind));
        FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(file, true)) {
            out.write((json.writeValueAsString(first) + "\n" + json.writeValueAsString(second) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An event of {@code kind} at T0 + {@code seconds}; measurements are plain values, not under test. */
    static Row event(EventKind kind, int machine, int pid, String cmd, long seconds, Double prediction, Double pAttack,
            Integer version, long offset) {
        StructType schema = OutputSchemas.events(kind);
        List<Object> values = new ArrayList<>();
        for (StructField f : schema.fields()) {
            values.add(switch (f.name()) {
                case "sequence" -> offset + 1;
                case "machine" -> machine;
                case "PID" -> pid;
                case "CMD" -> cmd;
                case "CMD_PID" -> cmd + "_" + pid;
                case "event_time" -> ts(seconds);
                case "prediction" -> prediction;
                case "p_attack" -> pAttack;
                case "model_version" -> version;
                case "kafka_partition" -> 0;
                case "kafka_offset" -> offset;
                case "date" -> date();
                default -> f.dataType().equals(DataTypes.StringType) ? "S" : 1.0;
            });
        }
        return RowFactory.create(values.toArray());
    }

    private static Row detected(int machine, int pid, String cmd, long processSeconds, long memorySeconds, int version) {
        StructType schema = OutputSchemas.detectedAttacks();
        List<Object> values = new ArrayList<>();
        for (StructField f : schema.fields()) {
            values.add(switch (f.name()) {
                case "machine" -> machine;
                case "CMD_PID" -> cmd + "_" + pid;
                case "PID" -> pid;
                case "CMD" -> cmd;
                case "process_event_time" -> ts(processSeconds);
                case "memory_event_time" -> ts(memorySeconds);
                case "process_sequence", "memory_sequence" -> (long) pid;
                case "process_p_attack", "memory_p_attack" -> 0.9;
                case "process_model_version", "memory_model_version" -> version;
                case "processing_time" -> ts(memorySeconds + 2);
                case "date" -> date();
                default -> f.dataType().equals(DataTypes.StringType) ? "S" : 1.0;
            });
        }
        return RowFactory.create(values.toArray());
    }

    private static StructType without(StructType schema, String... names) {
        List<String> drop = Arrays.asList(names);
        return new StructType(Arrays.stream(schema.fields()).filter(f -> !drop.contains(f.name()))
                .toArray(StructField[]::new));
    }

    static Instant instant(long seconds) {
        return Instant.ofEpochSecond(T0 + seconds);
    }

    static Timestamp ts(long seconds) {
        return Timestamp.from(instant(seconds));
    }

    private static Date date() {
        return Date.valueOf(DAY);
    }
}
