package dev.stophack.faults;

import dev.stophack.console.CommandMain;
import dev.stophack.console.TextTable;
import dev.stophack.faults.census.Tally;
import dev.stophack.faults.parts.Launcher;
import dev.stophack.faults.parts.ScriptLauncher;
import dev.stophack.faults.scenario.Context;
import dev.stophack.faults.scenario.Outcome;
import dev.stophack.faults.scenario.Scale;
import dev.stophack.faults.scenario.Scenario;
import dev.stophack.faults.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stophack faults}: runs the fault scenarios against the laptop pipeline (each part its
 * own process, as the demo runs them) and prints, per scenario, what was injected and what the
 * outputs hold, counted from the parquet by record identity. Exit code 1 when any scenario lost,
 * duplicated or misplaced anything or failed a check of its own.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"Runs fault scenarios (kill -9 of the streaming job, S3 away, broker SIGKILL, malformed"
                + " records) against Kafka, S3 and the streaming job started as their own processes on free ports,"
                + " and counts from the parquet outputs what was lost or duplicated.",
                "Exit code 0 when every scenario run is clean, 1 otherwise."})
public final class FaultsCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "NAME", description = "Run only this scenario (repeatable; --list names them).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--list", description = "List the scenarios and exit.")
    boolean list;

    @Option(names = "--quick", description = "A short version for CI: small volumes, shorter outages.")
    boolean quick;

    @Option(names = "--rows", paramLabel = "N", description = "Events of each kind in the kill, S3 and broker scenarios"
            + " (default: 100000, 4000 with --quick).")
    Long rows;

    @Option(names = "--kills", paramLabel = "N", description = "Kills of the streaming job in kill-stream (default: 5, 1 with --quick).")
    Integer kills;

    @Option(names = "--s3-outage", paramLabel = "DURATION", description = "How long S3 stays away in s3-down: 60s, 2m"
            + " (default: 60s, 20s with --quick).")
    String s3Outage;

    @Option(names = "--malformed-good", paramLabel = "N", description = "Good events among which malformed ones are mixed"
            + " (default: 1000000, 20000 with --quick).")
    Long malformedGood;

    @Option(names = "--parallel", paramLabel = "N", description = "Scenarios with a streaming job run at once, each with"
            + " parts of its own (default: 1, 2 with --quick); kill-rollout always runs beside them.")
    Integer parallel;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder for the scenarios' data and logs"
            + " (default: a new temporary folder, kept).")
    Path data;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the kill points (default: ${DEFAULT-VALUE}).")
    long seed;

    /**
     * The parts of a quick run compile with C1 only: they live minutes, over small volumes, and the
     * optimising compiler's work would not pay back. It halved the CPU of a quick malformed run
     * (63 against 128 CPU seconds, docs/reliability.md). The full run keeps the JVM's defaults.
     */
    static final String QUICK_PART_JVM = "-XX:TieredStopAtLevel=1";

    private final Launcher launcher;
    private final Path home;
    private final PrintStream out;

    /** As {@code ./stophack faults} runs it: parts through the launcher of {@code STOPHACK_HOME}. */
    public FaultsCommand() {
        this(home(), null, System.out);
    }

    /** {@code launcher} null: the {@code stophack} script in {@code home}. */
    public FaultsCommand(Path home, Launcher launcher, PrintStream out) {
        this.home = home;
        this.launcher = launcher != null ? launcher : new ScriptLauncher(home.resolve("stophack"));
        this.out = out;
    }

    private static Path home() {
        String h = System.getenv("STOPHACK_HOME");
        return Path.of(h == null ? "." : h).toAbsolutePath().normalize();
    }

    /** The outcomes of the last {@link #call()}. */
    private final List<Outcome> outcomes = new ArrayList<>();

    public List<Outcome> outcomes() {
        return outcomes;
    }

    @Override
    public Integer call() throws Exception {
        if (list) {
            for (Scenario s : Scenarios.ALL) {
                out.printf("%-14s %s%n", s.name(), s.description());
            }
            return 0;
        }
        List<Scenario> chosen = choose();
        Scale scale = quick ? Scale.QUICK : Scale.FULL;
        Launcher parts = quick ? launcher.withJavaOptions(QUICK_PART_JVM) : launcher;
        if (rows != null) {
            scale = scale.withRows(rows);
        }
        if (kills != null) {
            scale = scale.withKills(kills);
        }
        if (s3Outage != null) {
            scale = scale.withS3Outage(outage(s3Outage));
        }
        if (malformedGood != null) {
            scale = scale.withMalformedGood(malformedGood);
        }
        Path root = data != null ? Files.createDirectories(data) : Files.createTempDirectory("stophack-faults");
        out.println("faults: data and logs in " + root);
        // the streaming scenarios share the cores: --parallel of them at once; the others (mostly
        // waiting) run beside them from the start
        if (parallel != null && parallel < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--parallel " + parallel + ": at least 1");
        }
        int lanes = parallel != null ? parallel : quick ? 2 : 1;
        out.println("faults: the scenarios that run a streaming job " + (lanes == 1 ? "one at a time" : lanes + " at a time")
                + ", the others beside them");
        ExecutorService streaming = Executors.newFixedThreadPool(lanes);
        ExecutorService beside = Executors.newCachedThreadPool();
        try {
            List<Future<Outcome>> running = new ArrayList<>();
            for (Scenario s : chosen) {
                Scale sized = scale;
                running.add((s.streams() ? streaming : beside).submit(() -> runOne(s, parts, root, sized)));
            }
            for (Future<Outcome> f : running) {
                outcomes.add(f.get());
            }
        } finally {
            streaming.shutdownNow();
            beside.shutdownNow();
        }
        out.println();
        out.print(table(outcomes).render());
        return outcomes.stream().allMatch(Outcome::passed) ? 0 : 1;
    }

    /** One scenario in its own folder, with its own seeded random kill points; its failure becomes its outcome. */
    private Outcome runOne(Scenario s, Launcher parts, Path root, Scale scale) throws IOException {
        Path folder = Files.createDirectories(root.resolve(s.name()));
        long started = System.nanoTime();
        out.println("faults: " + s.name() + ": " + s.description());
        Outcome outcome;
        try {
            // seeded per scenario, so its kill points do not depend on which others run, or in which order
            Random random = new Random(seed ^ s.name().hashCode());
            outcome = s.run(new Context(parts, folder, home.resolve("models"), scale, random, out));
        } catch (Exception e) {
            outcome = new Outcome(s.name(), "-", Tally.NONE, List.of("did not complete: " + CommandMain.describe(e)),
                    List.of());
        }
        out.printf("faults: %s: %s in %.0f s%n", s.name(), outcome.verdict(), (System.nanoTime() - started) / 1e9);
        outcome.failures().forEach(f -> out.println("faults: " + s.name() + ": FAILED: " + f));
        outcome.notes().forEach(n -> out.println("faults: " + s.name() + ": " + n));
        return outcome;
    }

    private List<Scenario> choose() {
        if (scenarios.isEmpty()) {
            return Scenarios.ALL;
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarios) {
            Scenario s = Scenarios.named(name).orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                    "no scenario '" + name + "' (--list names them)"));
            chosen.add(s);
        }
        return chosen;
    }

    /** {@code --s3-outage}'s value: a whole number of seconds or minutes, at least one second. */
    private Duration outage(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})(s|m)").matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--s3-outage " + text + ": say a number of seconds or minutes, such as 60s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }

    /** One row a scenario: scenario, injected, produced, persisted, dead-lettered, lost, duplicated, verdict. */
    static TextTable table(List<Outcome> outcomes) {
        TextTable t = new TextTable("scenario", "injected", "produced", "persisted", "dead-lettered", "lost", "duplicated",
                "verdict");
        for (Outcome o : outcomes) {
            Tally n = o.tally();
            t.row(o.scenario(), o.injected(), n.produced(), n.persisted(), n.deadLettered(), n.lost(), n.duplicated(),
                    o.verdict() + (n.anomalies().isEmpty() ? "" : " (" + n.anomalies().trim() + ")"));
        }
        return t;
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new FaultsCommand(), args));
    }
}
