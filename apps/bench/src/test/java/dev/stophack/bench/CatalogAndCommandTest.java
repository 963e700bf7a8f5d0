package dev.stophack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.bench.BenchFigure;
import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.bench.BenchResult;
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
                .containsExactly("producer", "consumer", "streaming", "streaming-state", "streaming-catch-up",
                        "streaming-latency", "streaming-growth", "training", "training-growth", "model-switch", "weblog");
    }

    @Test
    void onlyKeepsTheCatalogsOrderAndRefusesUnknownNames() {
        assertThat(Benchmark.names(Catalog.select(Catalog.all(), List.of("weblog", "producer"))))
                .containsExactly("producer", "weblog");
        assertThatThrownBy(() -> Catalog.select(Catalog.all(), List.of("stream")))
                .hasMessage("unknown benchmark stream; known: producer, consumer, streaming, streaming-state,"
                        + " streaming-catch-up, streaming-latency, streaming-growth, training, training-growth, model-switch, weblog");
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
        assertThat(command.pagePath(Catalog.forRun(List.of(), true), work))
                .as("a whole quick run writes the page").isEqualTo(root.toAbsolutePath().resolve("BENCHMARKS.md"));
    }

    @Test
    void aQuickRunLeavesOutWhatOnlyTheFullRunMeasuresUnlessNamed() {
        assertThat(Benchmark.names(Catalog.forRun(List.of(), false))).isEqualTo(Benchmark.names(Catalog.all()));
        assertThat(Benchmark.names(Catalog.forRun(List.of(), true)))
                .containsExactly("producer", "consumer", "streaming", "training", "model-switch", "weblog");
        assertThat(Benchmark.names(Catalog.forRun(List.of("streaming-latency"), true))).containsExactly("streaming-latency");
        assertThat(Benchmark.names(Catalog.all())).containsAll(Catalog.FULL_RUN_ONLY);
    }

    @Test
    void listNamesEveryBenchmarkAndUnknownNamesAreAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand(root, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(CommandMain.run(command, "--list")).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(Catalog.all().size())
                .anyMatch(l -> l.matches("model-switch +model switch: hot swap vs restart.*"));
        // the summaries start in one column, after the longest name
        assertThat(lines.stream().map(l -> l.replaceFirst("^(\\S+ +).*", "$1").length()))
                .as("where each summary starts")
                .containsOnly(2 + Catalog.all().stream().mapToInt(b -> b.name().length()).max().orElseThrow());

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
                        "-Dbench.args=--events 500000 --max-offsets-per-trigger 125000 --runs 1 --state-minutes 0");
        assertThat(MavenInvocation.display(streaming, false)).endsWith(
                "-Dbench.args=\"--events 2000000 --runs 3 --state-minutes 0\"");
    }

    @Test
    void thePageIsWrittenAgainFromTheResultsTheLastRunLeft() throws Exception {
        Path work = Files.createDirectories(root.resolve("target/bench"));
        BenchResult producer = new BenchResult("producer", "2026-11-30T21:00:00Z", 2, 999.5, 2.5, 900, 1,
                List.of(new BenchFigure("producer load mode vs bare send loop", "events/s", "load mode", List.of(800.0, 900.0,
                        700.0), "bare loop", List.of(1000.0, 1000.0, 1000.0), BenchGoal.ratioAtLeast(0.8), null)), List.of());
        new ObjectMapper().writeValue(work.resolve("producer.json").toFile(), producer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand(root, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(CommandMain.run(command, "--from-results", "--only", "producer", "--only", "consumer"))
                .as("consumer has no result").isEqualTo(1);
        String page = Files.readString(work.resolve("BENCHMARKS-partial.md"));
        assertThat(page).contains("| producer | producer load mode vs bare send loop | 800 events/s (700-900, 3 runs)"
                        + " | 1,000 events/s (1,000-1,000, 3 runs) | 0.80x (0.70-0.90x) | >= 0.80x | yes |")
                .contains("| consumer | failed: no result in target/bench |")
                .contains("Load average (one minute): 999.5 at the start, 2.5 at the end.")
                .contains("**Busy machine**")
                .doesNotContain("The run took");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("met     producer: producer load mode vs bare send loop");
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
