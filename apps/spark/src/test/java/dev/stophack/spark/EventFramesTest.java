package dev.stophack.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.normalise.RawNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventFramesTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create("event-frames-test", null, Map.of("spark.sql.shuffle.partitions", "1"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> csv(String... lines) {
        return spark.read().option("header", "true").csv(spark.createDataset(List.of(lines), Encoders.STRING()));
    }

    @Test
    void normalisesProcessEventsAndDerivesNiceAndCmdPid() {
        Dataset<Row> df = EventFrames.normalise(EventKind.PROCESS, csv(
                String.join(",", EventKind.PROCESS.columns()) + ",attack",
                "7,4,1201,1,3,0, norm ,5,110,0,1,--,0,S,12.5,sshd,1",
                "8,4,x,1,3,0,norm,5,abc,0,1,--,0,S,3%,<kworker>,0"));
        assertThat(df.schema().apply("sequence").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(df.schema().apply("machine").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(df.schema().apply("CPU").dataType()).isEqualTo(DataTypes.DoubleType);
        List<Row> rows = df.orderBy("sequence").collectAsList();
        Row first = rows.get(0);
        assertThat(first.<Integer>getAs("PID")).isEqualTo(1201);
        assertThat(first.<String>getAs("POLI")).isEqualTo("norm");
        assertThat(first.<Double>getAs("NICE")).as("NICE = PRI - 120, not the reported 5").isEqualTo(-10.0);
        assertThat(first.<Double>getAs("CPU")).isEqualTo(12.5);
        assertThat(first.<String>getAs("CMD_PID")).isEqualTo("sshd_1201");
        assertThat(first.<String>getAs("attack")).as("other columns pass through").isEqualTo("1");
        Row second = rows.get(1);
        assertThat(second.<Integer>getAs("PID")).isNull();
        assertThat(second.<Double>getAs("PRI")).isNull();
        assertThat(second.<Double>getAs("NICE")).isNull();
        assertThat(second.<Double>getAs("CPU")).isEqualTo(3.0);
        assertThat(second.<String>getAs("CMD_PID")).as("a missing PID leaves the command").isEqualTo("<kworker>");
    }

    @Test
    void normalisesMemorySizes() {
        Row row = EventFrames.normalise(EventKind.MEMORY, csv(
                String.join(",", EventKind.MEMORY.columns()),
                "1,5,77,2.5K,0,540K,1.2G,12.0M,-3.5M,,0.05,java")).first();
        assertThat(row.<Double>getAs("MINFLT")).isEqualTo(2500.0);
        assertThat(row.<Double>getAs("VSTEXT")).isEqualTo(540000.0);
        assertThat(row.<Double>getAs("VSIZE")).isEqualTo(1.2e9);
        assertThat(row.<Double>getAs("RSIZE")).isEqualTo(12e6);
        assertThat(row.<Double>getAs("VGROW")).isEqualTo(-3.5e6);
        assertThat(row.<Double>getAs("RGROW")).isNull();
        assertThat(row.<Double>getAs("MEM")).isEqualTo(0.05);
        assertThat(row.<String>getAs("CMD_PID")).isEqualTo("java_77");
    }

    /**
     * Every number column (ids included) of both kinds, fed the texts a fast path could read
     * wrongly, gives RawNumber's value bit for bit (ids: whole values only, as their type holds
     * them), and the frame's columns are the same as ever, with no helper column left over.
     */
    @Test
    void everyNumberColumnReadsTrickyTextsAsRawNumberDoes() {
        List<String> raws = new ArrayList<>(RawNumberColumnTest.TRICKY);
        raws.add(null);
        for (EventKind kind : EventKind.values()) {
            List<String> columns = new ArrayList<>(kind.columns());
            columns.add("attack");
            StructType schema = new StructType();
            for (String c : columns) {
                schema = schema.add(c, DataTypes.StringType);
            }
            List<Row> input = new ArrayList<>();
            for (int i = 0; i < raws.size(); i++) {
                Object[] values = new Object[columns.size()];
                for (int c = 0; c < values.length; c++) {
                    // the text in every column, but the sequence (the row's key) in one of them only
                    values[c] = raws.get(i);
                }
                values[columns.indexOf("attack")] = Integer.toString(i);
                input.add(RowFactory.create(values));
            }
            Dataset<Row> df = EventFrames.normalise(kind, spark.createDataFrame(input, schema));

            List<String> expectedColumns = new ArrayList<>(columns);
            expectedColumns.add(EventFrames.CMD_PID); // NICE is one of the process columns already
            assertThat(df.columns()).containsExactlyElementsOf(expectedColumns);

            for (Row r : df.collectAsList()) {
                String raw = raws.get(Integer.parseInt(r.getAs("attack")));
                Double expected = RawNumber.parse(raw).valueOrNull();
                for (String c : kind.numericColumns()) {
                    Double actual = r.getAs(c);
                    String what = kind + " " + c + " of '" + raw + "'";
                    if (c.equals("NICE")) {
                        // derived: PRI - 120
                        assertThat(actual).as(what).isEqualTo(expected == null ? null : expected - 120);
                    } else if (expected == null) {
                        assertThat(actual).as(what).isNull();
                    } else {
                        assertThat(actual).as(what).isNotNull();
                        assertThat(Double.doubleToRawLongBits(actual)).as(what + ": " + actual)
                                .isEqualTo(Double.doubleToRawLongBits(expected));
                    }
                }
                boolean whole = expected != null && expected == Math.floor(expected);
                assertThat(r.<Long>getAs(EventKind.SEQUENCE)).as("sequence of '%s'", raw)
                        .isEqualTo(whole ? Long.valueOf(expected.longValue()) : null);
                assertThat(r.<Integer>getAs(EventKind.PID)).as("PID of '%s'", raw)
                        .isEqualTo(whole ? Integer.valueOf(expected.intValue()) : null);
                assertThat(r.<Integer>getAs(EventKind.MACHINE)).as("machine of '%s'", raw)
                        .isEqualTo(whole ? Integer.valueOf(expected.intValue()) : null);
            }
        }
    }
}
