package dev.stophack.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.spark.EventFrames;
import dev.stophack.streaming.parse.Plausibility;
import dev.stophack.testkit.LocalSpark;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jackson pass and {@link EventFrames#normalise} are two implementations of one rule: for the
 * same raw rows (as the CSV has them, and as the producer puts them on Kafka) they must give the
 * same typed values, row for row.
 */
class ParserMatchesEventFramesTest {
    static SparkSession spark;

    static final String[] PROCESS_ROWS = {
        "1,4,1201,1,3,0, norm ,5,110,0,1,--,0,S,12.5,sshd",
        "2,4,1202,1K,0.5k,0,norm,-,120,0,0,N-,0,R,3%,<kworker>",
        "3,5,77,-,OVFLOW,,,0,,0,1,--,1,E, 7 ,java",
        "4,5,78,2,2,2,rr,0,139,50,3,NS,255,S,400,nginx worker",
    };
    static final String[] MEMORY_ROWS = {
        "1,4,1201,2.5K, 12M,1.2G,3T,4B,50%,-3.5M,0.1,sshd",
        "2,4,1202,,,,,,,,,<kworker>",
        "3,5,77,-,OVFLOW, 3 K,ovflow,0,0,0,12%,java",
        "4,5,78,123456789012,0.001G,7,7,7,-12K,+5,1.5,nginx worker",
    };

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    @Test
    void processEventsAreNormalisedExactlyAsEventFramesDoes() throws IOException {
        compare(EventKind.PROCESS, PROCESS_ROWS);
    }

    @Test
    void memoryEventsAreNormalisedExactlyAsEventFramesDoes() throws IOException {
        compare(EventKind.MEMORY, MEMORY_ROWS);
    }

    private void compare(EventKind kind, String[] csvRows) throws IOException {
        String header = String.join(",", kind.columns());
        List<Row> kafka = new ArrayList<>();
        try (CsvReader csv = CsvReader.of(new StringReader(header + "\n"), "test")) {
            EventEncoder encoder = new EventEncoder(kind, csv.header());
            for (int i = 0; i < csvRows.length; i++) {
                kafka.add(RowFactory.create(encoder.encode(csvRows[i].split(",", -1), 1_700_000_000L + i), kind.topic(), 0,
                        (long) i, new Timestamp(1_700_000_100_000L)));
            }
        }
        StructType kafkaSchema = StructType.fromDDL("value binary, topic string, partition int, offset long, timestamp timestamp");
        BatchStats stats = new BatchStats();
        spark.sparkContext().register(stats);
        Dataset<Row> parsed = spark.internalCreateDataFrame(
                RecordParser.parse(spark.createDataFrame(kafka, kafkaSchema), new Plausibility(Duration.ofHours(1)),
                        System.currentTimeMillis() * 1000, stats, java.util.Map.of(), java.util.Map.of()).rdd(),
                ParsedSchema.SCHEMA, false);

        Column[] compared = columns(kind);
        List<Row> ours = parsed.filter(ParsedSchema.isEventOf(kind)).select(compared).orderBy("sequence").collectAsList();
        List<String> lines = new ArrayList<>(List.of(header));
        lines.addAll(List.of(csvRows));
        Dataset<Row> csv = spark.read().option("header", "true")
                .csv(spark.createDataset(lines, Encoders.STRING()));
        List<Row> theirs = EventFrames.normalise(kind, csv).select(compared).orderBy("sequence").collectAsList();

        assertThat(stats.value().deadLetters()).as("none of these rows is unreadable").isZero();
        assertThat(ours).hasSize(csvRows.length);
        for (int i = 0; i < csvRows.length; i++) {
            assertThat(ours.get(i)).as("row %s: %s", i, csvRows[i]).isEqualTo(theirs.get(i));
        }
        StructType ourTypes = parsed.filter(ParsedSchema.isEventOf(kind)).select(compared).schema();
        StructType theirTypes = EventFrames.normalise(kind, csv).select(compared).schema();
        for (int i = 0; i < ourTypes.size(); i++) {
            assertThat(ourTypes.fields()[i].dataType()).as(ourTypes.fields()[i].name())
                    .isEqualTo(theirTypes.fields()[i].dataType());
        }
    }

    private static Column[] columns(EventKind kind) {
        List<Column> c = new ArrayList<>();
        kind.columns().forEach(name -> c.add(org.apache.spark.sql.functions.col(name)));
        c.add(org.apache.spark.sql.functions.col(EventFrames.CMD_PID));
        return c.toArray(Column[]::new);
    }
}
