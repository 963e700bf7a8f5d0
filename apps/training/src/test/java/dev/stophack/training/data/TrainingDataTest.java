package dev.stophack.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvException;
import dev.stophack.normalise.RawNumber;
import dev.stophack.training.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and checking training files: bad files are clear errors, bad values are counted. */
class TrainingDataTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TestData.spark();
    }

    private String write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
        return file.toString();
    }

    private static String header(EventKind kind) {
        return String.join(",", kind.columns()) + ",attack,type";
    }

    private TrainingFile check(EventKind kind, String uri) throws IOException {
        return TrainingFile.check(kind, uri, spark.sparkContext().hadoopConfiguration());
    }

    @Test
    void aMissingFileIsNamed() {
        String missing = dir.resolve("nope.csv").toString();
        assertThatThrownBy(() -> check(EventKind.PROCESS, missing))
                .isInstanceOf(CsvException.class).hasMessageContaining(missing).hasMessageContaining("no such file");
    }

    @Test
    void aMissingColumnIsNamedWithItsFile() throws IOException {
        String file = write("p.csv", header(EventKind.PROCESS).replace(",CPU,", ",CPUX,"), "1,4,100,1,2,0,norm,0,120,0,1,--,0,S,1,sshd,0,normal");
        assertThatThrownBy(() -> check(EventKind.PROCESS, file))
                .isInstanceOf(CsvException.class).hasMessageContaining(file).hasMessageContaining("'CPU'");
        String noLabel = write("m.csv", String.join(",", EventKind.MEMORY.columns()), "1,4,1,2,0,1,2,3,0,0,0.1,sshd");
        assertThatThrownBy(() -> check(EventKind.MEMORY, noLabel))
                .isInstanceOf(CsvException.class).hasMessageContaining(noLabel).hasMessageContaining("'attack'");
    }

    @Test
    void anEmptyFileAndAHeaderWithoutRowsAreErrors() throws IOException {
        String empty = write("empty.csv");
        assertThatThrownBy(() -> check(EventKind.MEMORY, empty))
                .isInstanceOf(CsvException.class).hasMessageContaining(empty).hasMessageContaining("empty");
        String headerOnly = write("header.csv", header(EventKind.MEMORY));
        assertThatThrownBy(() -> check(EventKind.MEMORY, headerOnly))
                .isInstanceOf(CsvException.class).hasMessageContaining(headerOnly).hasMessageContaining("no data rows");
    }

    @Test
    void unreadableValuesAreCountedPerColumnAndReasonNotFatal() throws IOException {
        String file = write("m.csv", header(EventKind.MEMORY),
                "1,4,10,2.5K,0,540K,1.2G,12.0M,-3.5M,0,0.05,java,1,ddos",
                "2,4,11,abc,-,540K,OVFLOW,,0,0,0.05,<java>,0,normal",
                "3,4,12,xyz,0,540K,1G,1M,0,0,0.05,sshd,maybe,normal",
                "4,4,13,7,0,,1G,1M,0,0,0.05,sshd,0,normal");
        TrainingFile checked = check(EventKind.MEMORY, file);
        assertThat(checked.hasType()).isTrue();
        Dataset<Row> annotated = DataQuality.annotate(checked, LabelledEvents.raw(spark, checked)).cache();
        DataQuality quality = DataQuality.measure(EventKind.MEMORY, annotated);
        assertThat(quality.rows()).isEqualTo(4);
        assertThat(quality.badLabels()).isEqualTo(1);
        assertThat(quality.unreadable()).isEqualTo(Map.of(
                "MINFLT", Map.of(RawNumber.UNPARSEABLE, 2L),
                "MAJFLT", Map.of(RawNumber.NOT_AVAILABLE, 1L),
                "VSTEXT", Map.of(RawNumber.BLANK, 1L),
                "VSIZE", Map.of(RawNumber.OVERFLOW, 1L),
                "RSIZE", Map.of(RawNumber.BLANK, 1L)));
        assertThat(quality.unreadable("MINFLT")).isEqualTo(2);
        List<Row> rows = annotated.orderBy("sequence").collectAsList();
        assertThat(rows.get(0).<Double>getAs("MINFLT")).isEqualTo(2500.0);
        assertThat(rows.get(0).<Double>getAs(LabelledEvents.LABEL)).isEqualTo(1.0);
        assertThat(rows.get(1).<Double>getAs("MINFLT")).isNull();
        assertThat(rows.get(2).<Double>getAs(LabelledEvents.LABEL)).as("'maybe' is no label").isNull();
        annotated.unpersist();
    }

    @Test
    void theFingerprintFollowsTheContentNotTheRowOrder() throws IOException {
        String a = write("a.csv", header(EventKind.MEMORY), "1,4,10,1,0,1,1,1,0,0,0.05,java,1,ddos",
                "2,4,11,2,0,1,1,1,0,0,0.05,java,0,normal");
        String b = write("b.csv", header(EventKind.MEMORY), "2,4,11,2,0,1,1,1,0,0,0.05,java,0,normal",
                "1,4,10,1,0,1,1,1,0,0,0.05,java,1,ddos");
        String c = write("c.csv", header(EventKind.MEMORY), "2,4,11,2,0,1,1,1,0,0,0.05,java,0,normal",
                "1,4,10,1,0,1,1,1,0,0,0.06,java,1,ddos");
        assertThat(fingerprint(a)).startsWith("sha256:").isEqualTo(fingerprint(b)).isNotEqualTo(fingerprint(c));
    }

    private String fingerprint(String uri) throws IOException {
        TrainingFile f = check(EventKind.MEMORY, uri);
        return DataQuality.measure(EventKind.MEMORY, DataQuality.annotate(f, LabelledEvents.raw(spark, f))).fingerprint();
    }
}
