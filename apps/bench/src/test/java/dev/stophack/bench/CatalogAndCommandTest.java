package dev.stophack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.bench.catalog.Benchmark;
import dev.stophack.bench.catalog.Catalog;
import dev.stophack.bench.run.MavenInvocation;
import dev.stophack.bench.run.RunLock;
import dev.stophack.console.CommandMain;
import dev.stophack.testkit.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CatalogAndCommandTest {
    @TempDir
    Path root;

    @Test
    void everyBenchmarkTheIssueAsksForIsInTheCatalog() {
        assertThat(Benchmark.names(Catalog.all()))
                .containsExactly("producer", "consumer", "streaming", "training", "model-switch", "weblog");
    }

    @Test
    void onlyKeepsTheCatalogsOrderAndRefusesUnknownNames() {
        assertThat(Benchmark.names(Catalog.select(Catalog.all(), List.of("weblog", "producer"))))
                .containsExactly("producer", "weblog");
        assertThatThrownBy(() -> Catalog.select(Catalog.all(), List.of("stream")))
                .hasMessage("unknown benchmark stream; known: producer, consumer, streaming, training, model-switch, weblog");
    }

    @Test
    void optionsParse() {
        BenchCommand command = new BenchCommand(root, System.out);
        new CommandLine(command).parseArgs("--quick", "--only", "producer", "--only", "training", "--no-wait");
        assertThat(command.quick).isTrue();
        assertThat(command.only).containsExactly("producer", "training");
        assertThat(command.noWait).isTrue();
        Path work = root.resolve("target/bench");
        assertThat(command.pagePath(Catalog.select(Catalog.all(), command.only), work))
                .as("a partial run does not replace the whole page").isEqualTo(work.resolve("BENCHMARKS-partial.md"));
        assertThat(command.pagePath(Catalog.all(), work)).isEqualTo(root.toAbsolutePath().resolve("BENCHMARKS.md"));
    }

    @Test
    void listNamesEveryBenchmarkAndUnknownNamesAreAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand(root, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(CommandMain.run(command, "--list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("model-switch  model switch: hot swap vs restart");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine line = new CommandLine(new BenchCommand(root, System.out));
        line.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertThat(CommandMain.run(line, "--only", "nope")).isEqualTo(CommandMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark nope; known: producer");
    }

    @Test
    void theMavenCommandRunsOneClassOfOneModuleOfflineWithItsSizes() {
        Benchmark streaming = Catalog.select(Catalog.all(), List.of("streaming")).get(0);
        List<String> command = MavenInvocation.command(root, streaming, true, root.resolve("r.json"));
        assertThat(command).startsWith(root.resolve("mvnw").toString(), "-o")
                .contains("-pl", "apps/streaming", "-am", "-Pbench", "test", "-Dtest=StreamingBenchmark",
                        "-Dbench.result=" + root.resolve("r.json").toAbsolutePath(),
                        "-Dbench.args=--events 1000000 --max-offsets-per-trigger 250000 --runs 1 --state-minutes 0");
        assertThat(MavenInvocation.display(streaming, false)).endsWith(
                "-Dbench.args=\"--events 2000000 --runs 3 --state-minutes 0\"");
    }

    @Test
    void aSecondRunRefusesWithNoWaitAndSaysWhy() throws Exception {
        Files.writeString(root.resolve("mvnw"), ""); // never run: the lock is refused first
        try (RunLock held = RunLock.acquire(root.resolve(".bench.lock"), false, System.out)) {
            assertThat(held).isNotNull();
            ChildJvm.Result second = ChildJvm.of(BenchCommand.class).env("STOPHACK_HOME", root.toString())
                    .run(Duration.ofSeconds(60), "--no-wait", "--only", "producer");
            assertThat(second.code()).isEqualTo(1);
            assertThat(second.output()).contains("another benchmark run holds " + root.resolve(".bench.lock")
                    + "; not waiting (--no-wait)");
        }
    }
}
