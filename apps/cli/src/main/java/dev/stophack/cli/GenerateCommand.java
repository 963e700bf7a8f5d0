package dev.stophack.cli;

import dev.stophack.config.Defaults;
import dev.stophack.console.CommandMain;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stophack generate}: synthetic TON_IoT-format training and streaming CSVs, or a web access log. */
@Command(name = "stophack generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Writes synthetic telemetry in the TON_IoT Linux process and memory formats:",
            "  " + TelemetryGenerator.PROCESS_TRAIN + ", " + TelemetryGenerator.MEMORY_TRAIN
                    + " (labelled: attack, type)",
            "  " + TelemetryGenerator.PROCESS_STREAM + ", " + TelemetryGenerator.MEMORY_STREAM + " (unlabelled)",
            "With --weblogs, a web access log instead: " + WeblogGenerator.LOG + " (EDGAR-style paths, a long tail",
            "of clients, a daily rhythm) with planted incidents (abusive hosts, URL-busting scans,",
            "5xx storms), and their ground truth in " + WeblogGenerator.INCIDENTS + ".",
            "The same seed always gives the same files."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created).")
    Path out;

    @Option(names = "--machines", split = ",", paramLabel = "ID", defaultValue = Defaults.MACHINES,
            description = "Machine ids (default: ${DEFAULT-VALUE}).")
    List<Integer> machines;

    @Option(names = "--train-rows", paramLabel = "N", defaultValue = "100000",
            description = "Rows in each training file (default: ${DEFAULT-VALUE}).")
    long trainRows;

    @Option(names = "--stream-rows", paramLabel = "N", defaultValue = "100000",
            description = "Rows in each streaming file (default: ${DEFAULT-VALUE}).")
    long streamRows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--weblogs", description = "Write a web access log and its incidents instead of telemetry.")
    boolean weblogs;

    @Option(names = "--weblog-lines", paramLabel = "N", defaultValue = "1000000",
            description = "About this many access-log lines (default: ${DEFAULT-VALUE}).")
    long weblogLines;

    @Option(names = "--weblog-hours", paramLabel = "H", defaultValue = "12",
            description = "Hours of log time the lines span (default: ${DEFAULT-VALUE}).")
    int weblogHours;

    @Option(names = "--weblog-start", paramLabel = "ISO-TIME", defaultValue = "2024-05-18T00:00:00Z",
            description = "The log's first second, UTC (default: ${DEFAULT-VALUE}).")
    Instant weblogStart;

    @Option(names = "--weblog-format", paramLabel = "seed|common|combined", defaultValue = "seed",
            description = "Line format: the seed's [yyyy-MM-dd HH:mm:ss], or Apache's common or combined (default: ${DEFAULT-VALUE}).")
    String weblogFormat;

    @Option(names = "--weblog-incidents", paramLabel = "N", defaultValue = "3",
            description = "Incidents of each type: abusive host, URL scan, error storm (default: ${DEFAULT-VALUE}).")
    int weblogIncidents;

    @Option(names = "--weblog-malformed", paramLabel = "SHARE", defaultValue = "0.00002",
            description = "Share of lines written broken, as real logs have some (default: ${DEFAULT-VALUE}).")
    double weblogMalformed;

    @Override
    public Integer call() throws Exception {
        if (trainRows < 0 || streamRows < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "row counts cannot be negative");
        }
        if (machines.stream().anyMatch(m -> m < 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "machine ids cannot be negative");
        }
        if (weblogs) {
            return weblogs();
        }
        long started = System.nanoTime();
        var summary = new TelemetryGenerator(new TelemetryGenerator.Options(machines, trainRows, streamRows, seed))
                .writeAll(out, !quiet);
        double seconds = (System.nanoTime() - started) / 1e9;
        long rows = 2 * (summary.trainRows() + summary.streamRows());
        System.out.printf(Locale.ROOT, "wrote %,d training and %,d streaming rows per kind for machines %s to %s"
                + " in %.1f s (%,.0f rows/s)%n", summary.trainRows(), summary.streamRows(), machines, out,
                seconds, rows / Math.max(seconds, 1e-3));
        return 0;
    }

    private int weblogs() throws Exception {
        if (weblogHours < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--weblog-hours must be at least 1");
        }
        WeblogGenerator.Options options;
        try {
            options = new WeblogGenerator.Options(weblogLines, Duration.ofHours(weblogHours), weblogStart,
                    LineFormat.of(weblogFormat), weblogIncidents, weblogMalformed, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        long started = System.nanoTime();
        WeblogGenerator.Summary summary = new WeblogGenerator(options).writeAll(out, !quiet);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %,d access-log lines (%,d malformed) over %d hours from %s to %s, and %d"
                + " incidents to %s, in %.1f s (%,.0f lines/s)%n", summary.lines(), summary.malformed(), weblogHours,
                weblogStart, summary.log(), summary.incidents().size(), summary.groundTruth(), seconds,
                summary.lines() / Math.max(seconds, 1e-3));
        return 0;
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new GenerateCommand(), args));
    }
}
