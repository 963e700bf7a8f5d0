package dev.stophack.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.CommandMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unusable input stops the producer before it talks to Kafka: one line on stderr, exit code 2. */
class ProduceCommandErrorsTest {
    static {
        // logging starts before a test swaps System.err, so log4j keeps writing to the real one
        org.slf4j.LoggerFactory.getLogger(ProduceCommandErrorsTest.class);
    }

    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {
    }

    private static Outcome produce(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // nothing listens on port 1: no test here may get as far as Kafka
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--bootstrap", "127.0.0.1:1", "--http-port", "0")).toArray(String[]::new);
            return new Outcome(CommandMain.run(new ProduceCommand(), all), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private static void assertOneLine(Outcome o, String... fragments) {
        assertThat(o.code()).isEqualTo(2);
        // log lines (bad rows skipped while loading) may come first; the error itself is one line, no stack trace
        assertThat(o.err()).doesNotContain("\tat ");
        assertThat(o.err().lines().filter(l -> l.startsWith("stophack produce: ")).toList())
                .singleElement().satisfies(line -> assertThat(line).contains(fragments));
    }

    @Test
    void aMissingCsvIsNamed() {
        Path missing = tmp.resolve("nowhere.csv");
        assertOneLine(produce("process", "--csv", missing.toString()), missing + ": no such file");
    }

    @Test
    void aDirectoryIsNotACsv() {
        assertOneLine(produce("process", "--csv", tmp.toString()), tmp + ": is a directory");
    }

    @Test
    void anUnreadableCsvIsNamed() throws Exception {
        Path locked = StreamCsv.write(tmp.resolve("locked.csv"), EventKind.PROCESS, List.of("4"), 3);
        if (!locked.toFile().setReadable(false) || Files.isReadable(locked)) {
            return; // running as root: every file is readable, nothing to check
        }
        assertOneLine(produce("process", "--csv", locked.toString()), locked + ": permission denied");
    }

    @Test
    void aMissingColumnNamesFileAndColumn() throws Exception {
        Path csv = tmp.resolve("m.csv");
        Files.writeString(csv, String.join(",", EventKind.MEMORY.columns()).replace("RSIZE,", "") + "\n1,4,5,0,0,0,0,0,0,0,x\n");
        assertOneLine(produce("memory", "--csv", csv.toString()), csv + ": missing column 'RSIZE'");
    }

    @Test
    void aCsvWithOnlyBadRowsHasNothingToSend() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, String.join(",", EventKind.MEMORY.columns()) + "\n1,4\nx,4,5,0,0,0,0,0,0,0,0,x\n");
        assertOneLine(produce("memory", "--csv", csv.toString()), csv + ": no usable rows (2 skipped: field_count=1, bad_sequence=1)");
    }

    @Test
    void anUnknownSchemeIsRefused() {
        assertOneLine(produce("process", "--csv", "hdfs://namenode/p.csv"), "unknown scheme 'hdfs'");
    }

    @Test
    void badFlagsAreOneLineToo() throws Exception {
        Path csv = StreamCsv.write(tmp.resolve("p.csv"), EventKind.PROCESS, List.of("4"), 3);
        assertOneLine(produce("cpu", "--csv", csv.toString()), "unknown event kind 'cpu'");
        assertOneLine(produce("process", "--csv", csv.toString(), "--rows", "50..10"), "0 <= min <= max");
        assertOneLine(produce("process", "--csv", csv.toString(), "--interval", "soon"), "'soon'");
        assertOneLine(produce("process", "--csv", csv.toString(), "--max", "--rate", "10"), "mutually exclusive");
        assertOneLine(produce("process", "--csv", csv.toString(), "--max", "--cycles", "3"), "use --events");
        assertOneLine(produce("process", "--csv", csv.toString(), "--events", "3"), "--events applies to --rate and --max");
        assertOneLine(produce("process", "--csv", csv.toString(), "--rate", "0"), "--rate must be a positive number");
        assertOneLine(produce("process"), "--csv");
    }

    @Test
    void eachKindHasItsOwnDefaultHttpPortSoBothRunSideBySide() {
        ProduceCommand process = new ProduceCommand();
        new picocli.CommandLine(process).parseArgs("process", "--csv", "p.csv");
        ProduceCommand memory = new ProduceCommand();
        new picocli.CommandLine(memory).parseArgs("memory", "--csv", "m.csv");
        assertThat(process.httpPort()).isEqualTo(9461);
        assertThat(memory.httpPort()).isEqualTo(9462);
        ProduceCommand given = new ProduceCommand();
        new picocli.CommandLine(given).parseArgs("memory", "--csv", "m.csv", "--http-port", "9999");
        assertThat(given.httpPort()).isEqualTo(9999);
    }
}
