package dev.stophack.cli;

import dev.stophack.config.Defaults;
import dev.stophack.console.CommandMain;
import dev.stophack.generate.TelemetryGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stophack generate}: synthetic TON_IoT-format training and streaming CSVs. */
@Command(name = "stophack generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Writes synthetic telemetry in the TON_IoT Linux process and memory formats:",
            "  " + TelemetryGenerator.PROCESS_TRAIN + ", " + TelemetryGenerator.MEMORY_TRAIN
                    + " (labelled: attack, type)",
            "  " + TelemetryGenerator.PROCESS_STREAM + ", " + TelemetryGenerator.MEMORY_STREAM + " (unlabelled)",
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

    @Override
    public Integer call() throws Exception {
        if (trainRows < 0 || streamRows < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "row counts cannot be negative");
        }
        if (machines.stream().anyMatch(m -> m < 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "machine ids cannot be negative");
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

    public static void main(String[] args) {
        System.exit(CommandMain.run(new GenerateCommand(), args));
    }
}
