package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.spark.OutputSchemas;
import dev.stophack.streaming.support.ChildJob;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parquet the streaming job writes is readable by any engine: read back with a plain parquet
 * reader (footers only, no Spark), every timestamp is {@code TIMESTAMP(MICROS, isAdjustedToUTC=true)}
 * on INT64, never the deprecated INT96; every column has the type {@link OutputSchemas} declares
 * (what {@code stophack query} registers when an output has no file yet); and the files sit in
 * Hive-style {@code date=YYYY-MM-DD} folders under each output's root. The job runs as
 * {@code stophack stream} runs, in its own JVM through {@code StreamCommand}, so the Spark
 * settings under test are the app's own.
 */
class ParquetFilesTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final LogicalTypeAnnotation MICROS_UTC = LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS);

    @TempDir
    static Path output;
    static LocalDate firstDay;

    @BeforeAll
    static void runTheJobOnce() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "test");
        FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "test");
        // one attack of each kind, 5 s apart: a detected attack; the flush moves the watermark past
        // the first window so that its count is final and written; one unreadable record
        rig.produce(Topics.PROCESS, "4", List.of(process(4, 100, "evil", T0, 90), process(4, 101, "cron", T0 + 400, 10)));
        rig.produce(Topics.MEMORY, "4", List.of(memory(4, 100, "evil", T0 + 5, 9, 0), memory(4, 101, "cron", T0 + 400, 1, 0)));
        rig.produce(Topics.PROCESS, "x", List.of("not json{"));
        firstDay = LocalDate.now(ZoneOffset.UTC);

        Path log = Files.createDirectories(Path.of("target", "parquet-files-test")).resolve("stream.log");
        Process job = ChildJob.start(SERVICES, log, "--once", "--output", "file:" + output.toAbsolutePath());
        if (!job.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            job.destroyForcibly().waitFor();
            throw new AssertionError("stophack stream --once did not finish in 5 minutes; see " + log);
        }
        assertThat(job.exitValue()).as("exit code of stophack stream --once (log: %s)", log).isZero();
    }

    @Test
    void everyOutputIsWrittenWithLogicalTypesAndDatePartitions() throws IOException {
        Map<String, StructType> outputs = new LinkedHashMap<>();
        for (EventKind kind : EventKind.values()) {
            outputs.put(S3Layout.events(kind), OutputSchemas.events(kind));
        }
        outputs.put(S3Layout.POTENTIAL_ATTACKS, OutputSchemas.potentialAttacks());
        outputs.put(S3Layout.DETECTED_ATTACKS, OutputSchemas.detectedAttacks());
        outputs.put(S3Layout.DEADLETTER, OutputSchemas.deadLetters());

        for (Map.Entry<String, StructType> o : outputs.entrySet()) {
            Path root = output.resolve(o.getKey());
            List<Path> files = dataFiles(root);
            assertThat(files).as("parquet files under %s", o.getKey()).isNotEmpty();
            assertThat(root.resolve("_spark_metadata")).as("the sink log of %s", o.getKey()).isDirectory();
            for (Path file : files) {
                String partition = root.relativize(file).getName(0).toString();
                assertThat(partition).as("%s sits in a date= folder right under its root", file)
                        .matches("date=\\d{4}-\\d{2}-\\d{2}");
                assertThat(root.relativize(file).getNameCount()).as("one partition level: %s", file).isEqualTo(2);
                checkColumns(file, o.getValue());
            }
        }
    }

    @Test
    void partitionsAreTheEventDateOrForDeadLettersTheKafkaDate() throws IOException {
        assertThat(partitions(S3Layout.events(EventKind.PROCESS))).containsExactly("date=2024-03-01");
        assertThat(partitions(S3Layout.DETECTED_ATTACKS)).containsExactly("date=2024-03-01");
        assertThat(partitions(S3Layout.POTENTIAL_ATTACKS)).containsExactly("date=2024-03-01");
        LocalDate written = LocalDate.parse(partitions(S3Layout.DEADLETTER).get(0).substring("date=".length()));
        assertThat(written).as("the day the record reached Kafka").isBetween(firstDay, LocalDate.now(ZoneOffset.UTC));
    }

    /** Each column of the file's footer: declared, with the physical and logical type its declared type calls for. */
    private static void checkColumns(Path file, StructType declared) throws IOException {
        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
        }
        List<String> names = new ArrayList<>();
        for (Type column : schema.getFields()) {
            names.add(column.getName());
            assertThat(column.isPrimitive()).as("%s in %s is a plain column", column.getName(), file).isTrue();
            StructField field = field(declared, column.getName());
            assertThat(field).as("column %s of %s is declared in OutputSchemas", column.getName(), file).isNotNull();
            PrimitiveTypeName physical = column.asPrimitiveType().getPrimitiveTypeName();
            assertThat(physical).as("%s in %s: INT96 is deprecated", column.getName(), file).isNotEqualTo(PrimitiveTypeName.INT96);
            assertThat(physical + " " + column.getLogicalTypeAnnotation())
                    .as("%s (%s) in %s", column.getName(), field.dataType().simpleString(), file)
                    .isEqualTo(expected(field.dataType()));
        }
        assertThat(names).as("no partition column inside the files").doesNotContain(S3Layout.DATE_PARTITION);
    }

    /** What a declared Spark type must be in the file: physical type, then logical type (null: none). */
    private static String expected(DataType type) {
        if (type.equals(DataTypes.TimestampType)) {
            return PrimitiveTypeName.INT64 + " " + MICROS_UTC;
        } else if (type.equals(DataTypes.StringType)) {
            return PrimitiveTypeName.BINARY + " " + LogicalTypeAnnotation.stringType();
        } else if (type.equals(DataTypes.LongType)) {
            return PrimitiveTypeName.INT64 + " null";
        } else if (type.equals(DataTypes.IntegerType)) {
            return PrimitiveTypeName.INT32 + " null";
        } else if (type.equals(DataTypes.DoubleType)) {
            return PrimitiveTypeName.DOUBLE + " null";
        } else if (type.equals(DataTypes.BooleanType)) {
            return PrimitiveTypeName.BOOLEAN + " null";
        }
        throw new AssertionError("no parquet expectation for " + type);
    }

    private static StructField field(StructType declared, String name) {
        for (StructField f : declared.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static List<Path> dataFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !root.relativize(p).startsWith("_spark_metadata"))
                    .sorted().toList();
        }
    }

    private static List<String> partitions(String path) throws IOException {
        Path root = output.resolve(path);
        return dataFiles(root).stream().map(f -> root.relativize(f).getName(0).toString()).distinct().sorted().toList();
    }
}
