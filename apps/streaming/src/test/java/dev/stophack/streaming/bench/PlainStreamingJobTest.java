package dev.stophack.streaming.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.testkit.LocalSpark;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain contender reads the values the job reads: otherwise it would be timed on less work. */
class PlainStreamingJobTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    @Test
    void memorySizesAndNumbersAreReadFromTheProducersJson() throws IOException {
        // sequence, machine, PID, MINFLT, MAJFLT, VSTEXT, VSIZE, RSIZE, VGROW, RGROW, MEM, CMD
        List<Row> rows = parsed(EventKind.MEMORY, "1,4,1201,2.5K,0,40K,401M,-4.7M,1.2G,-,0.5,sshd",
                "2,5,77,12,3,0,,7,0,0,12,java");
        Row first = rows.get(0);
        assertThat(first.getLong(first.fieldIndex("machine"))).isEqualTo(4L);
        assertThat(first.getDouble(first.fieldIndex("MINFLT"))).isEqualTo(2500.0);
        assertThat(first.getDouble(first.fieldIndex("VSIZE"))).isEqualTo(4.01e8);
        assertThat(first.getDouble(first.fieldIndex("RSIZE"))).isEqualTo(-4.7e6);
        assertThat(first.getDouble(first.fieldIndex("VGROW"))).isEqualTo(1.2e9);
        assertThat(first.isNullAt(first.fieldIndex("RGROW"))).isTrue(); // "-": the model's imputer fills it
        assertThat(first.getDouble(first.fieldIndex("MEM"))).isEqualTo(0.5);
        assertThat(first.getString(first.fieldIndex("CMD"))).isEqualTo("sshd");
        assertThat(first.getTimestamp(first.fieldIndex("event_time"))).isEqualTo(new Timestamp(1_700_000_000_000L));
        Row second = rows.get(1);
        assertThat(second.getDouble(second.fieldIndex("MINFLT"))).isEqualTo(12.0); // a JSON number read as text
        assertThat(second.isNullAt(second.fieldIndex("VSIZE"))).isTrue();
    }

    @Test
    void processCodesStayTextAndNumbersBecomeDoubles() throws IOException {
        String header = String.join(",", EventKind.PROCESS.columns());
        String[] values = new String[EventKind.PROCESS.columns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = "3";
        }
        values[EventKind.PROCESS.columns().indexOf("POLI")] = "norm";
        values[EventKind.PROCESS.columns().indexOf("CPU")] = "1.5";
        values[EventKind.PROCESS.columns().indexOf("CMD")] = "bash";
        Row row = parsedWith(EventKind.PROCESS, header, String.join(",", values)).get(0);
        assertThat(row.getString(row.fieldIndex("POLI"))).isEqualTo("norm");
        assertThat(row.getDouble(row.fieldIndex("CPU"))).isEqualTo(1.5);
        assertThat(row.getDouble(row.fieldIndex("TRUN"))).isEqualTo(3.0);
        assertThat(row.getString(row.fieldIndex("CMD"))).isEqualTo("bash");
    }

    private static List<Row> parsed(EventKind kind, String... csvRows) throws IOException {
        return parsedWith(kind, String.join(",", kind.columns()), csvRows);
    }

    private static List<Row> parsedWith(EventKind kind, String header, String... csvRows) throws IOException {
        List<Row> kafka = new ArrayList<>();
        try (CsvReader csv = CsvReader.of(new StringReader(header + "\n"), "test")) {
            EventEncoder encoder = new EventEncoder(kind, csv.header());
            for (int i = 0; i < csvRows.length; i++) {
                kafka.add(RowFactory.create((Object) encoder.encode(csvRows[i].split(",", -1), 1_700_000_000L + i)));
            }
        }
        return PlainStreamingJob.parsed(spark.createDataFrame(kafka, StructType.fromDDL("value binary")), kind).collectAsList();
    }
}
