package dev.stophack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.console.CommandMain;
import dev.stophack.generate.TelemetryGenerator;
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
