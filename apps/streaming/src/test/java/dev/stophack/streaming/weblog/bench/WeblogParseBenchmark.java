package dev.stophack.streaming.weblog.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import dev.stophack.streaming.weblog.ingest.LineParser;
import dev.stophack.streaming.weblog.ingest.LineSchema;
import dev.stophack.streaming.weblog.ingest.LineStats;
import dev.stophack.streaming.weblog.parse.AccessLogParser;
import dev.stophack.testkit.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/**
 * Which way of parsing access-log lines the streaming job uses (prints figures, asserts nothing
 * about speed): the same 2M generated lines, held in memory as the Kafka source hands them over
 * ({@code value} bytes and a timestamp), parsed on {@code local[2]} and written to Spark's
 * {@code noop} sink, each way after a warm-up run, three runs each.
 *
 * <ul>
 *   <li>Spark column functions, one regular expression per field ({@code regexp_extract}, as the
 *       obvious column version);</li>
 *   <li>Spark column functions without regular expressions ({@code split} on quotes,
 *       {@code substring_index}): the fastest column version found;</li>
 *   <li>the JVM parser on Spark's binary rows, inside the tasks (the ingest query's way, as the
 *       telemetry parses JSON);</li>
 *   <li>the JVM parser through a typed {@code mapPartitions} (rows in, rows out through an
 *       encoder): the form a stateful query can start from.</li>
 * </ul>
 *
 * The column versions check less than the JVM parser (no calendar, host or UTF-8 checks, no
 * reason per dead letter): they are a lower bound of what a column parser would cost.
 */
public class WeblogParseBenchmark {
    static final int LINES = Integer.getInteger("weblog.bench.lines", 2_000_000);
    static final int RUNS = 3;
    static final String REGEX = "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(\\S+) (\\S+) (\\S+)\" (\\d{3}) (\\d+|-)";

    /** The same, outside Maven: {@code java -cp ... WeblogParseBenchmark}. */
    public static void main(String[] args) throws Exception {
        new WeblogParseBenchmark().parseEachWay();
    }

    @Test
    void parseEachWay() throws Exception {
        Path dir = Files.createTempDirectory("weblog-parse-bench");
        WeblogGenerator.Summary log = new WeblogGenerator(new WeblogGenerator.Options(LINES, Duration.ofHours(12),
                Instant.parse("2024-05-18T00:00:00Z"), LineFormat.SEED, 3, 0.00002, 42)).writeAll(dir, false);
        SparkSession spark = LocalSpark.session();
        spark.conf().set("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        Dataset<Row> records = records(spark, log.log());
        System.out.printf("%n%,d lines (%,d malformed) in memory as Kafka records, 8 partitions, local[2]%n",
                records.count(), log.malformed());

        Map<String, Supplier<Dataset<Row>>> ways = new LinkedHashMap<>();
        ways.put("floor: read the cached records, no parsing", () -> records.select(col("value")));
        ways.put("columns: regexp_extract per field", () -> regexColumns(records));
        ways.put("columns: split and substring_index", () -> splitColumns(records));
        ways.put("JVM parser on binary rows (ingest)", () -> spark.internalCreateDataFrame(
                LineParser.parse(records, new AccessLogParser(3600), register(spark)).rdd(), LineSchema.SCHEMA, false)
                .filter(col(DeadLetter.REASON).isNull()));
        ways.put("JVM parser, typed mapPartitions (detectors)", () -> Requests.of(records, new AccessLogParser(3600)));

        System.out.printf("%n%-50s %10s %24s %14s %12s%n", "way", "median s", "runs s", "lines/s", "rows kept");
        for (Map.Entry<String, Supplier<Dataset<Row>>> way : ways.entrySet()) {
            run(way.getValue().get()); // warm-up
            long kept = way.getValue().get().count();
            double[] s = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                run(way.getValue().get());
                s[i] = (System.nanoTime() - t0) / 1e9;
            }
            double[] sorted = s.clone();
            Arrays.sort(sorted);
            System.out.printf("%-50s %10.2f %24s %,14.0f %,12d%n", way.getKey(), sorted[1],
                    String.format("%.2f / %.2f / %.2f", s[0], s[1], s[2]), LINES / sorted[1], kept);
        }
        System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        records.unpersist();
    }

    private static LineStats register(SparkSession spark) {
        LineStats stats = new LineStats();
        spark.sparkContext().register(stats);
        return stats;
    }

    private static void run(Dataset<Row> df) {
        df.write().format("noop").mode("overwrite").save();
    }

    private static Dataset<Row> records(SparkSession spark, Path log) throws Exception {
        List<Row> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.parse("2024-06-01T00:00:00Z"));
        for (String line : Files.readAllLines(log)) {
            rows.add(RowFactory.create(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), now));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("value", DataTypes.BinaryType, true),
            DataTypes.createStructField("timestamp", DataTypes.TimestampType, true),
        });
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(8)
                .withColumn("partition", lit(0)).withColumn("offset", lit(0L))
                .select("value", "partition", "offset", "timestamp");
        df.persist(StorageLevel.MEMORY_ONLY());
        return df;
    }

    private static Dataset<Row> regexColumns(Dataset<Row> records) {
        Column v = col("value").cast("string");
        Column time = regexp_extract(v, REGEX, 2);
        Column bytes = regexp_extract(v, REGEX, 7);
        return records.select(
                regexp_extract(v, REGEX, 1).as("host"),
                coalesce(expr("try_to_timestamp(regexp_extract(cast(value as string), '" + REGEX.replace("\\", "\\\\")
                        + "', 2), 'yyyy-MM-dd HH:mm:ss')"), expr("try_to_timestamp(regexp_extract(cast(value as string), '"
                        + REGEX.replace("\\", "\\\\") + "', 2), 'dd/MMM/yyyy:HH:mm:ss Z')")).as("event_time"),
                regexp_extract(v, REGEX, 3).as("method"),
                regexp_extract(v, REGEX, 4).as("path"),
                regexp_extract(v, REGEX, 5).as("protocol"),
                regexp_extract(v, REGEX, 6).cast("int").as("status"),
                when(bytes.equalTo("-"), lit(0L)).otherwise(bytes.cast("long")).as("bytes"),
                time.as("raw_time"))
                .filter(col("event_time").isNotNull().and(col("status").isNotNull()));
    }

    private static Dataset<Row> splitColumns(Dataset<Row> records) {
        Column parts = split(col("value").cast("string"), "\"");
        Dataset<Row> p = records.select(element_at(parts, 1).as("head"), element_at(parts, 2).as("request"),
                trim(element_at(parts, 3)).as("tail"));
        Column time = substring_index(substring_index(col("head"), "]", 1), "[", -1);
        Column method = substring_index(col("request"), " ", 1);
        Column protocol = substring_index(col("request"), " ", -1);
        Column bytes = substring_index(col("tail"), " ", -1);
        return p.select(
                substring_index(col("head"), " ", 1).as("host"),
                coalesce(expr("try_to_timestamp(substring_index(substring_index(head, ']', 1), '[', -1), 'yyyy-MM-dd HH:mm:ss')"),
                        expr("try_to_timestamp(substring_index(substring_index(head, ']', 1), '[', -1), 'dd/MMM/yyyy:HH:mm:ss Z')"))
                        .as("event_time"),
                method.as("method"),
                expr("substring(request, length(substring_index(request, ' ', 1)) + 2,"
                        + " length(request) - length(substring_index(request, ' ', 1)) - length(substring_index(request, ' ', -1)) - 2)")
                        .as("path"),
                protocol.as("protocol"),
                substring_index(col("tail"), " ", 1).cast("int").as("status"),
                when(bytes.equalTo("-"), lit(0L)).otherwise(bytes.cast("long")).as("bytes"),
                time.as("raw_time"))
                .filter(col("event_time").isNotNull().and(col("status").isNotNull()));
    }
}
