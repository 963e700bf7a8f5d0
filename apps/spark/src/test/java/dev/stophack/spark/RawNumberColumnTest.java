package dev.stophack.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.events.EventKind;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.normalise.RawNumber;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark expression must give RawNumber's answer for every raw value, value and reason alike. */
class RawNumberColumnTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create("raw-number-test", null, Map.of("spark.sql.shuffle.partitions", "1"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void assertSameAsRawNumber(List<String> raws) {
        Dataset<Row> df = spark.createDataset(raws, Encoders.STRING()).toDF("raw")
                .select(col("raw"), RawNumberColumn.value(col("raw")).as("v"), RawNumberColumn.reason(col("raw")).as("why"));
        List<Row> rows = df.collectAsList();
        assertThat(rows).hasSize(raws.size());
        for (Row r : rows) {
            String raw = r.getString(0);
            RawNumber.Result expected = RawNumber.parse(raw);
            assertThat(r.isNullAt(1) ? null : r.getDouble(1)).as("value of '%s'", raw).isEqualTo(expected.valueOrNull());
            assertThat(r.getString(2)).as("reason for '%s'", raw).isEqualTo(expected.reason());
        }
    }

    @Test
    void agreesWithRawNumberOnEveryFormat() {
        List<String> raws = new ArrayList<>(List.of("0", "42", "-7", "+7", "3.25", ".5", "5.", "2.5K", "540K",
                "12.0M", "1.2G", "0.5T", "123B", " 3 K", "  12M", "1 2K", "-3.5M", "- 3.5M", "2.5k", "12m", "7.5%",
                "42 ", "\t9\t", "999999999999999999", "0.000001", "", "   ", "-", " - ", "OVFLOW", "ovflow", "abc",
                "K", "1.2.3", "12KB", "1e5", "--5", "5-", "12X", "1,5", "NaN", "Infinity",
                "1234567890123456789012", ".", "+"));
        raws.add(null);
        assertSameAsRawNumber(raws);
    }

    @Test
    void skipsWhatRawNumberSkipsAsASpace() {
        // Character.isWhitespace: the separators U+001C..U+001F and Unicode spaces too, not U+00A0
        List<String> raws = List.of("\u001c5", "5\u001f", "\u001d 1.5 K", "\u20005", "\u30005\u2029", "\u00a05", "5\u2007",
                "\u001e", "\u001f-\u001f", "\u2028OVFLOW\u001c");
        assertSameAsRawNumber(raws);
    }

    @Test
    void agreesWithRawNumberOnGeneratedTelemetry(@TempDir Path dir) throws Exception {
        new TelemetryGenerator(new TelemetryGenerator.Options(List.of(1, 2), 3_000, 0, 3)).writeAll(dir, false);
        Dataset<Row> memory = spark.read().option("header", "true").csv(dir.resolve(TelemetryGenerator.MEMORY_TRAIN).toString());
        List<String> raws = new ArrayList<>();
        for (String c : EventKind.MEMORY.numericColumns()) {
            for (Row r : memory.select(col(c)).distinct().collectAsList()) {
                raws.add(r.getString(0));
            }
        }
        assertThat(raws).hasSizeGreaterThan(1000);
        assertSameAsRawNumber(raws);
    }
}
