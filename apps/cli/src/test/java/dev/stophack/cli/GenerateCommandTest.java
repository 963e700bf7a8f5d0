package dev.stophack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.console.CommandMain;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.generate.weblog.IncidentFile;
import dev.stophack.generate.weblog.WeblogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return CommandMain.run(new GenerateCommand(), args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void writesTheFilesItIsAskedFor(@TempDir Path dir) throws Exception {
        int code = run(new ByteArrayOutputStream(), "--out", dir.toString(), "--machines", "1,2",
                "--train-rows", "500", "--stream-rows", "300", "--seed", "5", "--quiet");
        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve(TelemetryGenerator.PROCESS_TRAIN))).hasSize(501);
        assertThat(Files.readAllLines(dir.resolve(TelemetryGenerator.MEMORY_STREAM))).hasSize(301);
    }

    @Test
    void weblogsWriteTheLogAndItsGroundTruthInstead(@TempDir Path dir) throws Exception {
        int code = run(new ByteArrayOutputStream(), "--out", dir.toString(), "--weblogs", "--weblog-lines", "20000",
                "--weblog-hours", "1", "--weblog-format", "combined", "--weblog-incidents", "1", "--seed", "3", "--quiet");
        assertThat(code).isZero();
        assertThat(dir.resolve(TelemetryGenerator.PROCESS_STREAM)).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve(WeblogGenerator.LOG)).size()).isBetween(19_000, 21_000);
        assertThat(Files.readAllLines(dir.resolve(WeblogGenerator.LOG)).get(0)).matches(".* \\[18/May/2024:00:00:0\\d \\+0000\\] .*\"$");
        assertThat(IncidentFile.read(dir.resolve(WeblogGenerator.INCIDENTS))).hasSize(3);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "--out", dir.toString(), "--weblogs", "--weblog-format", "nginx")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("seed, common or combined");
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(run(err2, "--out", dir.toString(), "--weblogs", "--weblog-hours", "1", "--weblog-incidents", "5"))
                .isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("no room for 5 incidents");
    }

    @Test
    void badArgumentsAreOneLineAndExitCode2(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "--out", dir.toString(), "--train-rows", "many")).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).contains("--train-rows").contains("many");

        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(run(err2, "--out", dir.toString(), "--train-rows", "-5")).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("cannot be negative");
    }
}
