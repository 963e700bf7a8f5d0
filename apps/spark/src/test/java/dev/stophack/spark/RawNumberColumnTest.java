package dev.stophack.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.normalise.RawNumber;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    /** Texts a fast path for canonical numbers could read differently from RawNumber. */
    static final List<String> TRICKY = List.of("-0", "0", "-00", "00", "007", "+5", "+0", " 5", "5 ", "\t5", "5\t",
            "\u00015", "5\u0001", "\u007f5", "5\u007f", "\u00a05", "\u001c5", "\u0665", "\uff11\uff12",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "999999999999999999",
            "-999999999999999999", "100000000000000000", "123456789012345678", "-123456789012345678",
            "1000000000000000000", "-1000000000000000000", "1234567890123456789", "0999999999999999999",
            "1.", "1.0", "-1.0", "-12", "122", "9196", "1e5", "1E5", "NaN", "-NaN", "Infinity", "-Infinity",
            "0x10", "12d", "12D", "12f", "12.5f", "1,5", "", " ", "-", "+", ".", "-.", "1.75", "2.22", "0.05", "-4.7",
            "-0.0", "0.0", "-0.00", "2.50", "0.001", "0.0001", "1.0E-4", "1.0E7", "3.0E10", "1234567.5",
            "12345678.5", "9999999.0", "10000000.0", "0.30000000000000004", "0.1234567890123", "0.12345678901234",
            "9.87654321098765", "-9.87654321098765", "0.123456789012345", "123456.789012345", ".5", "-.5", "5.",
            "1.5 ", " 1.5", "\u00a01.5", "1.5\u0001", "96.9M", "23.0K", "401M", "-4.7M", "1..5", "1.5.", "--5", "-+5");

    @Test
    void agreesWithRawNumberBitForBitWhereAFastPathCouldGoWrong() {
        List<String> raws = new ArrayList<>(TRICKY);
        raws.add(null);
        assertBitForBit(raws);
    }

    @Test
    void agreesWithRawNumberBitForBitOnRandomNumberTexts() {
        Random random = new Random(20261122);
        List<String> raws = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            long whole = random.nextLong() / (long) Math.pow(10, random.nextInt(19));
            raws.add(Long.toString(whole));
            raws.add(Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(12) - 4) * (random.nextBoolean() ? 1 : -1)));
            // short decimals as atop prints them, rounded to a few digits
            raws.add(String.format(java.util.Locale.ROOT, "%." + random.nextInt(4) + "f", random.nextDouble() * Math.pow(10, random.nextInt(9))));
            StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
            int n = 1 + random.nextInt(20);
            int dot = random.nextInt(n + 2);
            for (int d = 0; d < n; d++) {
                digits.append(d == dot ? "." : "").append((char) ('0' + random.nextInt(10)));
            }
            raws.add(digits.toString());
        }
        assertBitForBit(raws);
    }

    @Test
    void theFastPathTakesCanonicalNumbersAndLeavesTheRestToTheRule() {
        List<String> taken = List.of("0", "122", "-12", "999999999999999999", "-999999999999999999", "1.75", "0.05", "-4.7",
                "-0.0", "1.0", "0.12345678901234");
        List<String> left = List.of("-0", "007", "+5", " 5", "5 ", "\u00015", "1000000000000000000", "9223372036854775807",
                "1.", "2.50", "1e5", "1.0E-4", "NaN", "Infinity", "12d", "0x10", "1,5", "", "-", "96.9M", "23.0K", "1234567.123456789");
        List<String> raws = new ArrayList<>(taken);
        raws.addAll(left);
        Map<String, Boolean> fast = new java.util.HashMap<>();
        for (Row r : spark.createDataset(raws, Encoders.STRING()).toDF("raw")
                .select(col("raw"), RawNumberColumn.canonicalValue(col("raw")).isNotNull()).collectAsList()) {
            fast.put(r.getString(0), r.getBoolean(1));
        }
        for (String raw : taken) {
            assertThat(fast.get(raw)).as("fast path takes '%s'", raw).isTrue();
        }
        for (String raw : left) {
            assertThat(fast.get(raw)).as("fast path leaves '%s'", raw).isFalse();
        }
    }

    /**
     * {@link RawNumberColumn#value}, the fast path alone (where it answers) and the slow path alone
     * each against RawNumber, comparing the doubles' bits so that -0.0 and 0.0 differ.
     */
    static void assertBitForBit(List<String> raws) {
        List<Row> rows = spark.createDataset(raws, Encoders.STRING()).toDF("raw")
                .select(col("raw"), RawNumberColumn.value(col("raw")), RawNumberColumn.canonicalValue(col("raw")),
                        RawNumberColumn.valueOfCompact(RawNumberColumn.compact(col("raw"))))
                .collectAsList();
        assertThat(rows).hasSize(raws.size());
        int fast = 0;
        for (Row r : rows) {
            String raw = r.getString(0);
            Double expected = RawNumber.parse(raw).valueOrNull();
            assertSameBits(raw, "value", expected, r.isNullAt(1) ? null : r.getDouble(1));
            assertSameBits(raw, "slow path", expected, r.isNullAt(3) ? null : r.getDouble(3));
            if (!r.isNullAt(2)) {
                fast++;
                assertSameBits(raw, "fast path", expected, r.getDouble(2));
            }
        }
        assertThat(fast).as("the fast path answered some").isPositive();
    }

    private static void assertSameBits(String raw, String what, Double expected, Double actual) {
        String shown = raw == null ? null : raw.chars().mapToObj(ch -> ch < 0x20 || ch > 0x7e
                ? String.format("\\u%04x", ch) : String.valueOf((char) ch)).collect(java.util.stream.Collectors.joining());
        if (expected == null) {
            assertThat(actual).as("%s of '%s'", what, shown).isNull();
        } else {
            assertThat(actual).as("%s of '%s'", what, shown).isNotNull();
            assertThat(Double.doubleToRawLongBits(actual)).as("%s of '%s': %s vs RawNumber's %s", what, shown, actual, expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }
}
