package dev.stophack.bench.report;

import dev.stophack.api.bench.BenchResult;
import dev.stophack.bench.catalog.Catalog;
import dev.stophack.bench.profile.JvmProfile;
import dev.stophack.bench.run.MavenInvocation;
import dev.stophack.console.TextTable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * BENCHMARKS.md: the machine, one table of every figure, then a section per benchmark with its
 * method, its command and every run. It holds one run only; docs/benchmarks.md keeps the history.
 */
public final class BenchmarksPage {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private BenchmarksPage() {
    }

    public static String render(RunSummary run) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("The figures of one `./stophack bench").append(run.quick() ? " --quick" : "").append("` run, ")
                .append(DATE.format(run.started())).append(", each benchmark against its reference measured in the same"
                        + " run. How the figures moved over time, and what was found behind them:"
                        + " [docs/benchmarks.md](docs/benchmarks.md).\n\n");
        md.append(machine(run)).append("\n\n");
        if (run.quick()) {
            md.append("**Quick run**: smaller sizes than the full run, and where a benchmark made one measured run its"
                    + " figure has no spread (\"1 run\"); each section says what was smaller. Not a figure to quote."
                    + leftOut(run) + "\n\n");
        }
        md.append(table(run).markdown()).append('\n');
        md.append("Each figure is the median of the measured runs, their range in brackets; the ratio is stophack's"
                + " median over the reference's, with the range of the run-by-run ratios where the two ran in turn."
                + " \"met?\" compares the median or the ratio with the goal.\n");
        for (Outcome o : run.outcomes()) {
            md.append('\n').append(section(run, o));
        }
        return md.toString();
    }

    static String machine(RunSummary run) {
        var m = run.machine();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Machine: %d cores, %,d MB of memory, Java %s, %s. Load average (one minute): %s at the start, %s at"
                        + " the end.", m.cores(), m.memoryMb(), m.java(), m.os(), Figures.load(run.loadStart()),
                Figures.load(run.loadEnd())));
        double seconds = run.outcomes().stream().mapToDouble(Outcome::seconds).sum();
        if (!Double.isNaN(seconds)) {
            text.append(String.format(Locale.ROOT, " The run took %.0f min, the benchmarks' builds included.", seconds / 60));
        }
        if (run.busy()) {
            text.append(String.format(Locale.ROOT, " **Busy machine**: the load average was above the %d cores before the"
                    + " run started, so other work took turns with the benchmarks; their figures are lower and more"
                    + " spread than on a quiet machine, and the references suffer differently from stophack.", m.cores()));
        }
        return text.toString();
    }

    /** The summary table, for the page and (rendered as text) for the console. */
    public static TextTable table(RunSummary run) {
        TextTable table = new TextTable("benchmark", "figure", "stophack", "reference", "ratio", "goal", "met?");
        for (Outcome o : run.outcomes()) {
            if (o.result() == null) {
                table.row(o.benchmark().name(), "failed: " + o.failure(), "-", "-", "-", "-", "-");
                continue;
            }
            for (FigureRow row : o.rows()) {
                String unit = row.figure().unit();
                table.row(row.benchmark(), row.figure().name(), Figures.stats(row.stophack(), unit),
                        Figures.stats(row.reference(), unit), Figures.ratio(row), Figures.goal(row.figure().goal(), unit),
                        Figures.met(row.met()));
            }
        }
        return table;
    }

    static String section(RunSummary run, Outcome o) {
        StringBuilder md = new StringBuilder("## ").append(o.benchmark().name()).append("\n\n");
        md.append(o.benchmark().method()).append("\n\n");
        md.append("Command: `").append(MavenInvocation.display(o.benchmark(), run.quick())).append("`");
        if (run.quick()) {
            md.append(" (quick: ").append(o.benchmark().quickNote()).append(")");
        }
        md.append(".\n\n");
        BenchResult r = o.result();
        if (r == null) {
            md.append(String.format(Locale.ROOT, "**No figures**: %s%s; its output is in `%s`.%n", o.failure(),
                    took(o, " after "), o.log()));
            return md.toString();
        }
        int measured = r.figures().stream().mapToInt(f -> f.stophackRuns().size()).max().orElse(0);
        md.append(String.format(Locale.ROOT, "Run: %d measured run(s) after %d warm-up run(s); load average %s at its start"
                        + ", %s at its end%s; peak heap %,d MB%s.%n", measured, r.warmUpRuns(),
                Figures.load(r.loadStart()), Figures.load(r.loadEnd()), run.machine().busy(r.loadStart()) ? " (busy)" : "",
                r.peakHeapMb(), took(o, "; ")));
        for (String note : r.notes()) {
            md.append("- ").append(note).append('\n');
        }
        TextTable runs = new TextTable("figure", "stophack", "stophack runs", "reference", "reference runs", "ratio");
        for (FigureRow row : o.rows()) {
            String unit = row.figure().unit();
            runs.row(row.figure().name() + (row.figure().phase() == null ? "" : " [" + row.figure().phase() + "]"),
                    row.figure().stophack(), Figures.runs(row.figure().stophackRuns()) + " " + unit,
                    row.figure().reference() == null ? "-" : row.figure().reference(),
                    row.figure().referenceRuns().isEmpty() ? "-" : Figures.runs(row.figure().referenceRuns()) + " " + unit,
                    Figures.ratio(row));
        }
        md.append('\n').append(runs.markdown());
        md.append(profiles(o));
        return md.toString();
    }

    /** "; 312 s with the build", or nothing when the time is not known (a page written again from results). */
    private static String took(Outcome o, String lead) {
        return Double.isNaN(o.seconds()) ? "" : String.format(Locale.ROOT, "%s%.0f s%s", lead, o.seconds(),
                lead.startsWith(";") ? " with the build" : "");
    }

    /** Where the cores went, per JVM of the benchmark, when it was recorded. */
    static String profiles(Outcome o) {
        if (o.profiles().isEmpty()) {
            return "";
        }
        TextTable table = new TextTable("JVM", "recorded s", "cores busy (machine)", "GC s", "JIT s", "samples",
                "most often on top of the samples");
        for (JvmProfile p : o.profiles()) {
            String top = p.topMethods().stream().limit(4)
                    .map(s -> String.format(Locale.ROOT, "%s %.0f%%", s.method(), 100 * s.share()))
                    .reduce((a, b) -> a + "; " + b).orElse("-");
            table.row(p.name(), String.format(Locale.ROOT, "%.0f", p.seconds()),
                    String.format(Locale.ROOT, "%.2f (%.2f)", p.coresUsed(), p.machineCores()),
                    String.format(Locale.ROOT, "%.1f", p.gcSeconds()), String.format(Locale.ROOT, "%.1f", p.compileSeconds()),
                    p.samples(), top);
        }
        return "\nFlight recordings (`--profile`), one per JVM, busiest first; cores busy are averages over each JVM's"
                + " own recording (the machine's in brackets):\n\n" + table.markdown();
    }

    /** The goals, each met or missed, one line each: what the console ends with. */
    public static List<String> goals(RunSummary run) {
        return run.rows().stream().filter(r -> r.met() != null)
                .map(r -> String.format(Locale.ROOT, "%-7s %s: %s (goal %s)", r.met() ? "met" : "MISSED", r.benchmark(),
                        r.figure().name(), Figures.goal(r.figure().goal(), r.figure().unit())))
                .toList();
    }

    /** The full-run-only benchmarks a quick run did not measure, said as a sentence; empty when it measured them. */
    static String leftOut(RunSummary run) {
        List<String> measured = run.outcomes().stream().map(o -> o.benchmark().name()).toList();
        List<String> left = Catalog.FULL_RUN_ONLY.stream().filter(n -> !measured.contains(n)).sorted().toList();
        return left.isEmpty() ? "" : " Not measured by a quick run, only by the full one: " + String.join(", ", left) + ".";
    }
}
