package dev.stophack.bench.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.bench.BenchResult;
import dev.stophack.bench.catalog.Benchmark;
import dev.stophack.bench.profile.FlightRecordings;
import dev.stophack.bench.profile.JvmProfile;
import dev.stophack.bench.report.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs benchmarks one after another, each in the JVM its module's {@code bench} profile gives it,
 * and reads the result each writes. A benchmark that fails or writes nothing is reported with
 * its log, and the next one still runs.
 */
public final class BenchRunner {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;
    private final Path work;
    private final PrintStream out;
    private final boolean profile;

    /**
     * @param root    the checkout (where {@code mvnw} is)
     * @param work    where each benchmark's output and result file go
     * @param out     progress lines
     * @param profile record every JVM of each benchmark with the flight recorder
     */
    public BenchRunner(Path root, Path work, PrintStream out, boolean profile) {
        this.root = root;
        this.work = work;
        this.out = out;
        this.profile = profile;
    }

    public List<Outcome> run(List<Benchmark> benchmarks, boolean quick) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            Benchmark b = benchmarks.get(i);
            out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", i + 1, benchmarks.size(), b.name(), MavenInvocation.display(b, quick));
            Outcome outcome = runOne(b, quick);
            out.printf(Locale.ROOT, "[%d/%d] %s: %s in %.0f s (output: %s)%n", i + 1, benchmarks.size(), b.name(),
                    outcome.result() == null ? "FAILED, " + outcome.failure() : "done", outcome.seconds(), outcome.log());
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private Outcome runOne(Benchmark b, boolean quick) throws IOException, InterruptedException {
        Path result = work.resolve(b.name() + ".json");
        Path log = work.resolve(b.name() + ".log");
        Files.deleteIfExists(result);
        Path recordings = work.resolve(b.name() + "-jfr");
        ProcessBuilder builder = new ProcessBuilder(MavenInvocation.command(root, b, quick, result)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        if (profile) {
            clear(recordings);
            // every JVM started under Maven (the test fork, the broker, S3, a job process) reads this variable
            String options = builder.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
            builder.environment().put("JAVA_TOOL_OPTIONS", (options + " " + FlightRecordings.option(recordings)).strip());
        }
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String shownLog = root.relativize(log.toAbsolutePath()).toString();
        List<JvmProfile> profiles = profile ? FlightRecordings.read(recordings) : List.of();
        if (exit != 0) {
            return new Outcome(b, null, "exit code " + exit, shownLog, seconds, profiles);
        }
        if (!Files.exists(result)) {
            return new Outcome(b, null, "no result file (did the benchmark run?)", shownLog, seconds, profiles);
        }
        return new Outcome(b, read(result), null, shownLog, seconds, profiles);
    }

    private static void clear(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    public static BenchResult read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchResult.class);
    }
}
