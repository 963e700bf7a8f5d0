package dev.stophack.bench;

import dev.stophack.api.bench.BenchResult;
import dev.stophack.bench.catalog.Benchmark;
import dev.stophack.bench.catalog.Catalog;
import dev.stophack.bench.machine.MachineInfo;
import dev.stophack.bench.profile.FlightRecordings;
import dev.stophack.bench.profile.JvmProfile;
import dev.stophack.bench.report.BenchmarksPage;
import dev.stophack.bench.report.Figures;
import dev.stophack.bench.report.Outcome;
import dev.stophack.bench.report.RunSummary;
import dev.stophack.bench.run.BenchRunner;
import dev.stophack.bench.run.RunLock;
import dev.stophack.console.CommandMain;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stophack bench}: every benchmark, one after another, into one table and BENCHMARKS.md. */
@Command(name = "stophack bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs every benchmark one after another (each through ./mvnw -o with its module's bench profile),"
                + " one run at a time per checkout, and writes BENCHMARKS.md: the machine, one table of stophack's"
                + " figures against their references, a section per benchmark.",
                "The sizes aim at an hour on 2 idle cores, --quick at ten minutes."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Smaller sizes and fewer runs (the page says so).")
    boolean quick;

    @Option(names = "--only", paramLabel = "NAME", description = "Run only this benchmark (repeatable; --list names them)."
            + " The page then goes to target/bench/BENCHMARKS-partial.md unless --out says otherwise.")
    List<String> only = new ArrayList<>();

    @Option(names = "--list", description = "List the benchmarks and exit.")
    boolean list;

    @Option(names = "--no-wait", description = "Refuse, instead of waiting, when another stophack bench is running.")
    boolean noWait;

    @Option(names = "--profile", description = "Record every JVM of each benchmark with the flight recorder (target/bench/"
            + "NAME-jfr/, one file per JVM) and add to each section where the cores went: per JVM the cores it kept busy,"
            + " GC and JIT time, the methods most often on top of the samples. Costs a few percent.")
    boolean profile;

    @Option(names = "--from-results", description = "Run nothing: write the page again from the results the last run left"
            + " in target/bench (add --quick if that run was one).")
    boolean fromResults;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the page goes (default: BENCHMARKS.md at the"
            + " checkout's root for a run of every benchmark).")
    Path out;

    private final Path root;
    private final PrintStream console;

    public BenchCommand() {
        this(Path.of(System.getenv().getOrDefault("STOPHACK_HOME", ".")), System.out);
    }

    BenchCommand(Path root, PrintStream console) {
        this.root = root.toAbsolutePath().normalize();
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new BenchCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        List<Benchmark> selected = Catalog.forRun(only, quick);
        if (list) {
            int width = Catalog.all().stream().mapToInt(b -> b.name().length()).max().orElse(0);
            for (Benchmark b : Catalog.all()) {
                console.printf(Locale.ROOT, "%-" + width + "s  %s%n", b.name(), b.summary());
            }
            return 0;
        }
        if (!fromResults && !Files.isRegularFile(root.resolve("mvnw"))) {
            throw new IllegalArgumentException("no mvnw in " + root + ": run it as ./stophack bench from the checkout");
        }
        Path work = root.resolve("target").resolve("bench");
        Files.createDirectories(work);
        try (RunLock lock = RunLock.acquire(root.resolve(".bench.lock"), !noWait, console)) {
            if (lock == null) {
                console.println("stophack bench: another benchmark run holds " + root.resolve(".bench.lock")
                        + "; not waiting (--no-wait)");
                return 1;
            }
            MachineInfo machine = MachineInfo.current();
            RunSummary run = fromResults ? fromResults(machine, selected, work) : run(machine, selected, work);
            Path page = pagePath(selected, work);
            Files.writeString(page, BenchmarksPage.render(run), StandardCharsets.UTF_8);
            console.println();
            console.print(BenchmarksPage.table(run).render());
            console.println();
            BenchmarksPage.goals(run).forEach(console::println);
            console.printf(Locale.ROOT, "%nload average %s at the start, %s at the end%s; page written to %s%n",
                    Figures.load(run.loadStart()), Figures.load(run.loadEnd()), run.busy() ? " (busy machine)" : "",
                    root.relativize(page.toAbsolutePath()));
            return run.outcomes().stream().allMatch(o -> o.result() != null) ? 0 : 1;
        }
    }

    private RunSummary run(MachineInfo machine, List<Benchmark> selected, Path work) throws Exception {
        double loadStart = MachineInfo.loadAverage();
        Instant started = Instant.now();
        console.printf(Locale.ROOT, "stophack bench%s: %d benchmark(s) on %d cores, load average %s%s%n",
                quick ? " --quick" : "", selected.size(), machine.cores(), Figures.load(loadStart),
                machine.busy(loadStart) ? " - BUSY machine (load above the core count): figures will be lower and"
                        + " more spread, and the page says so" : "");
        List<Outcome> outcomes = new BenchRunner(root, work, console, profile).run(selected, quick);
        return new RunSummary(machine, started, quick, loadStart, MachineInfo.loadAverage(), outcomes);
    }

    /** The last run's results as it left them; its load is the first benchmark's at the start and the last one's at the end. */
    private RunSummary fromResults(MachineInfo machine, List<Benchmark> selected, Path work) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        List<BenchResult> results = new ArrayList<>();
        for (Benchmark b : selected) {
            Path json = work.resolve(b.name() + ".json");
            String log = root.relativize(work.resolve(b.name() + ".log")).toString();
            List<JvmProfile> profiles = FlightRecordings.read(work.resolve(b.name() + "-jfr"));
            if (Files.exists(json)) {
                BenchResult r = BenchRunner.read(json);
                results.add(r);
                outcomes.add(new Outcome(b, r, null, log, Double.NaN, profiles));
            } else {
                outcomes.add(new Outcome(b, null, "no result in " + root.relativize(work), log, Double.NaN, profiles));
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results in " + work + " to write a page from");
        }
        return new RunSummary(machine, Instant.parse(results.get(0).started()), quick, results.get(0).loadStart(),
                results.get(results.size() - 1).loadEnd(), outcomes);
    }

    /** A partial run does not replace the page of a whole one. */
    Path pagePath(List<Benchmark> selected, Path work) {
        if (out != null) {
            return out.toAbsolutePath();
        }
        return selected.equals(Catalog.forRun(List.of(), quick)) ? root.resolve("BENCHMARKS.md")
                : work.resolve("BENCHMARKS-partial.md");
    }
}
