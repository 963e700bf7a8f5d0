package dev.stophack.training.bench;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.TextTable;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.models.ModelStore;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.LocalBlobStore;
import dev.stophack.training.TrainCommand;
import dev.stophack.training.TrainingBench;
import dev.stophack.training.TrainingJob;
import dev.stophack.training.TrainingSettings;
import dev.stophack.training.console.StageLog;
import dev.stophack.training.evaluate.Algorithm;
import dev.stophack.training.publish.VersionPublisher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Training on generated data in {@code local[2]}: for each kind and algorithm, the whole job
 * (load, clean, explore, split, rebalance, select features, fit, evaluate, charts, save) against a
 * bare {@code Pipeline.fit} of the same pipeline on the same cached, rebalanced rows, in the same
 * run, with the peak heap of each. Prints figures; asserts nothing.
 *
 * <p>The JVM first runs {@code WARM_UP_RUNS} whole jobs (default 1, process with the first
 * algorithm), untimed, as a long-running driver or a second training in the same JVM would have
 * them behind it; otherwise the first case alone would pay the JIT's and Spark's warm-up, and its
 * bare fit, measured after it, would not. {@code 0} measures the first case cold.
 *
 * <p>Run: {@code java -Xmx6g <opens> -cp target/test-classes:target/classes:<test classpath>
 * dev.stophack.training.bench.TrainingBenchmark [ROWS] [dt,gbt] [DATA_DIR] [WARM_UP_RUNS]}.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        List<Algorithm> algorithms = args.length > 1
                ? List.of(args[1].split(",")).stream().map(Algorithm::of).toList() : List.of(Algorithm.DT, Algorithm.GBT);
        Path data = Path.of(args.length > 2 ? args[2] : "target/bench-data-" + rows);
        if (!Files.exists(data.resolve(TelemetryGenerator.MEMORY_TRAIN))) {
            new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), rows, 0, 42)).writeAll(data, false);
        }
        int warmUpRuns = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Path store = Files.createTempDirectory("bench-models");
        SparkSession spark = SparkSessions.create("training-benchmark", null, TrainCommand.sparkConf());
        TextTable table = new TextTable("kind", "algorithm", "rows", "train rows", "job s", "bare fit s", "job/fit",
                "job peak heap MB", "fit peak heap MB", "F1", "AUC");
        try {
            for (int i = 0; i < warmUpRuns; i++) {
                System.out.println("warm-up run " + (i + 1) + " of " + warmUpRuns + " (not measured)");
                TrainingSettings settings = settings(data, EventKind.PROCESS, algorithms.get(0));
                TrainingJob.Trained trained = new TrainingJob(spark, settings, new StageLog(System.out)).train(settings.files().get(0));
                VersionPublisher.publish(new ModelStore(new LocalBlobStore(store)), EventKind.PROCESS, trained.model(),
                        TrainingBench.files(trained, settings));
            }
            for (EventKind kind : EventKind.values()) {
                for (Algorithm algorithm : algorithms) {
                    TrainingSettings settings = settings(data, kind, algorithm);
                    TrainingJob job = new TrainingJob(spark, settings, new StageLog(System.out));

                    resetPeaks();
                    long started = System.nanoTime();
                    TrainingJob.Trained trained = job.train(settings.files().get(0));
                    VersionPublisher.publish(new ModelStore(new LocalBlobStore(store)), kind, trained.model(),
                            TrainingBench.files(trained, settings));
                    double jobSeconds = (System.nanoTime() - started) / 1e9;
                    long jobPeak = heapPeakMb();

                    // the same rows, cached and counted, then only the fit is timed
                    try (TrainingJob.Prepared prepared = job.prepare(settings.files().get(0))) {
                        resetPeaks();
                        long fitStarted = System.nanoTime();
                        TrainingBench.bareFit(job, algorithm, trained.outcome().selection(), prepared.train());
                        double fitSeconds = (System.nanoTime() - fitStarted) / 1e9;
                        long fitPeak = heapPeakMb();
                        table.row(kind.id(), algorithm.id(), rows, trained.outcome().trainingRows(),
                                f(jobSeconds), f(fitSeconds), String.format(Locale.ROOT, "%.2fx", jobSeconds / fitSeconds),
                                jobPeak, fitPeak, String.format(Locale.ROOT, "%.4f", trained.outcome().chosen().f1()),
                                String.format(Locale.ROOT, "%.4f", trained.outcome().chosen().auc()));
                    }
                    System.out.println(table.render());
                }
            }
        } finally {
            spark.stop();
        }
        System.out.println();
        System.out.println("Training benchmark, local[2], " + Runtime.getRuntime().availableProcessors() + " cores, -Xmx"
                + Runtime.getRuntime().maxMemory() / (1 << 20) + "m, " + warmUpRuns + " warm-up run(s):");
        System.out.print(table.markdown());
    }

    private static TrainingSettings settings(Path data, EventKind kind, Algorithm algorithm) {
        return new TrainingSettings(data.toString(), List.of(new TrainingSettings.KindFile(kind, kind == EventKind.PROCESS
                ? TelemetryGenerator.PROCESS_TRAIN : TelemetryGenerator.MEMORY_TRAIN)),
                List.of(algorithm), false, 42, 0.2, 0, 30, "benchmark");
    }

    private static String f(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the true peak). */
    private static long heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1 << 20);
    }
}
