package dev.stophack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ./stophack launcher at the repository root, run as a user runs it. */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("../../stophack").toAbsolutePath().normalize();

    private record Result(int code, String out) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
        Result help = run("--help");
        assertThat(help.code()).isZero();
        for (String command : List.of("demo", "generate", "kafka", "s3", "produce", "consume", "train", "models", "stream",
                "rollout", "controller", "query", "report", "bench")) {
            assertThat(help.out()).containsPattern("(?m)^  " + command + " ");
        }
    }

    @Test
    void anUnknownCommandIsOneLineAndExitCode2() throws Exception {
        Result r = run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out().strip()).isEqualTo("stophack: unknown command 'frobnicate' (./stophack --help lists them)");
    }

    @Test
    void noCommandShowsUsageAndFails() throws Exception {
        Result r = run();
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).contains("Usage: ./stophack COMMAND");
    }
}
