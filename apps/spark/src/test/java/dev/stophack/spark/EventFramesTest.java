package dev.stophack.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.events.EventKind;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
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
}
