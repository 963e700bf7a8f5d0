package dev.stophack.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.bench.BenchFigure;
import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.bench.BenchResult;
import dev.stophack.bench.catalog.Benchmark;
import dev.stophack.bench.catalog.Catalog;
import dev.stophack.bench.machine.MachineInfo;
import dev.stophack.bench.profile.JvmProfile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarksPageTest {
    private static final MachineInfo MACHINE = new MachineInfo(2, 24_000, "17.0.13", "Linux 6.1 amd64");
    private static final Benchmark STREAMING = Catalog.select(Catalog.all(), List.of("streaming")).get(0);
    private static final Benchmark TRAINING = Catalog.select(Catalog.all(), List.of("training")).get(0);

    private static Outcome streaming(double loadStart) {
        BenchFigure steady = new BenchFigure("streaming ingest, steady state", "events/s", "stophack stream --once",
                List.of(130_000.0, 120_000.0, 140_000.0), "bare loop", List.of(260_000.0, 250_000.0, 270_000.0),
                BenchGoal.ratioAtLeast(0.5), "steady");
        BenchResult result = new BenchResult("streaming", "2026-11-30T20:00:00Z", 2, loadStart, 3.0, 1500, 1,
                List.of(steady), List.of("broker and S3 in the benchmark's JVM"));
        return new Outcome(STREAMING, result, null, "target/bench/streaming.log", 300, List.of());
    }

    private static RunSummary run(double loadStart, boolean quick, Outcome... outcomes) {
        return new RunSummary(MACHINE, Instant.parse("2026-11-30T20:00:00Z"), quick, loadStart, 4.0, List.of(outcomes));
    }

    @Test
    void theTableHasMediansRangesTheRatioAndTheGoal() {
        String page = BenchmarksPage.render(run(1.0, false, streaming(1.0)));
        assertThat(page).contains("| benchmark | figure | stophack | reference | ratio | goal | met? |")
                .contains("| streaming | streaming ingest, steady state | 130,000 events/s (120,000-140,000, 3 runs)"
                        + " | 260,000 events/s (250,000-270,000, 3 runs) | 0.50x (0.48-0.52x) | >= 0.50x | yes |")
                .contains("Machine: 2 cores, 24,000 MB of memory, Java 17.0.13, Linux 6.1 amd64.")
                .contains("The run took 5 min, the benchmarks' builds included.")
                .contains("2026-11-30 20:00 UTC")
                .contains("## streaming")
                .contains("- broker and S3 in the benchmark's JVM")
                .doesNotContain("Busy machine")
                .doesNotContain("Quick run");
    }

    @Test
    void aLoadAboveTheCoresBeforeTheRunIsCalledBusy() {
        RunSummary busy = run(2.5, false, streaming(2.5));
        assertThat(busy.busy()).isTrue();
        assertThat(BenchmarksPage.render(busy)).contains("**Busy machine**").contains("at its end (busy)");
        assertThat(run(2.0, false, streaming(2.0)).busy()).as("a load equal to the cores is not above them").isFalse();
    }

    @Test
    void aQuickRunSaysSoAndWhatWasSmaller() {
        String page = BenchmarksPage.render(run(1.0, true, streaming(1.0)));
        assertThat(page).contains("**Quick run**").contains("`./stophack bench --quick` run")
                .contains("(quick: " + STREAMING.quickNote() + ")")
                .contains("Not measured by a quick run, only by the full one: streaming-catch-up, streaming-growth,"
                        + " streaming-latency, streaming-state, training-growth.");
    }

    @Test
    void aFailedBenchmarkHasALineAndASectionWithItsLog() {
        Outcome failed = new Outcome(TRAINING, null, "exit code 1", "target/bench/training.log", 12, List.of());
        RunSummary summary = run(1.0, false, streaming(1.0), failed);
        String page = BenchmarksPage.render(summary);
        assertThat(page).contains("| training | failed: exit code 1 | - | - | - | - | - |")
                .contains("**No figures**: exit code 1 after 12 s; its output is in `target/bench/training.log`.");
        assertThat(BenchmarksPage.goals(summary)).containsExactly(
                "met     streaming: streaming ingest, steady state (goal >= 0.50x)");
    }

    @Test
    void aProfiledBenchmarkSaysWhereTheCoresWentPerJvm() {
        JvmProfile broker = new JvmProfile("dev.stophack.embedded.KafkaCommand", "b.jfr", 120, 0.31, 1.9, 0.4, 2.5, 1200,
                List.of(new JvmProfile.Share("sun.nio.ch.FileDispatcherImpl.write0", 0.25)));
        Outcome o = streaming(1.0);
        Outcome profiled = new Outcome(o.benchmark(), o.result(), null, o.log(), o.seconds(), List.of(broker));
        assertThat(BenchmarksPage.render(run(1.0, false, profiled))).contains("Flight recordings (`--profile`)")
                .contains("| dev.stophack.embedded.KafkaCommand | 120 | 0.31 (1.90) | 0.4 | 2.5 | 1200 |"
                        + " sun.nio.ch.FileDispatcherImpl.write0 25% |");
        assertThat(BenchmarksPage.render(run(1.0, false, o))).doesNotContain("Flight recordings");
    }

    @Test
    void missedGoalsAreListedAsMissed() {
        BenchFigure slow = new BenchFigure("whole job vs plain program, process dt", "s", "whole job", List.of(20.0),
                "plain program", List.of(10.0), BenchGoal.ratioAtMost(1.0), null);
        Outcome training = new Outcome(TRAINING, new BenchResult("training", "2026-11-30T20:00:00Z", 2, 1, 1, 2000, 1,
                List.of(slow), List.of()), null, "target/bench/training.log", 100, List.of());
        RunSummary summary = run(1.0, false, training);
        assertThat(BenchmarksPage.goals(summary)).containsExactly(
                "MISSED  training: whole job vs plain program, process dt (goal <= 1.00x)");
        assertThat(BenchmarksPage.render(summary)).contains("| 2.00x | <= 1.00x | no |");
    }
}
