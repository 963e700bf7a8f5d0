package dev.stophack.training.bench;

import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.events.EventKind;
import dev.stophack.console.TextTable;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.models.ModelStore;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.LocalBlobStore;
import dev.stophack.testkit.bench.BenchRecorder;
import dev.stophack.training.TrainCommand;
import dev.stophack.training.TrainingBench;
import dev.stophack.training.TrainingJob;
import dev.stophack.training.TrainingSettings;
import dev.stophack.training.console.StageLog;
import dev.stophack.training.evaluate.Algorithm;
import dev.stophack.training.pipeline.Classifiers;
import dev.stophack.training.publish.VersionPublisher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Training on generated data in {@code local[2]}: for each kind and algorithm, the whole job
 * (load, clean, explore, split, rebalance, select features, fit, evaluate, charts, save) against
 * {@link PlainTraining}, the plain Spark program a user would write instead (the goal: the job
 * takes no longer), and, as information, a bare {@code Pipeline.fit} of the same pipeline on the
 * job's cached, rebalanced rows, in the same run, with the peak heap of each. Prints figures;
 * asserts nothing.
 *
 * <p>The JVM first runs {@code WARM_UP_RUNS} whole jobs and plain programs (default 1, process with
 * the first algorithm), untimed, as a long-running driver or a second training in the same JVM would have
 * them behind it; otherwise the first case alone would pay the JIT's and Spark's warm-up, and its
 * bare fit, measured after it, would not. {@code 0} measures the first case cold.
 *
 * <p>Run: {@code java -Xmx6g <opens> -cp target/test-classes:target/classes:<test classpath>
 * dev.stophack.training.bench.TrainingBenchmark [ROWS] [dt,gbt] [DATA_DIR] [WARM_UP_RUNS] [RUNS]}, or
 * {@code ./mvnw -pl apps/training -am -Pbench test -Dtest=TrainingBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.rows=N -Dbench.runs=N}.
 */
public final class TrainingBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        String algorithms = args.length > 1 ? args[1] : "dt,gbt";
        Path data = Path.of(args.length > 2 ? args[2] : "target/bench-data-" + rows);
        int warmUpRuns = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        run(rows, algorithms, data, warmUpRuns, runs);
    }

    /** The entry for {@code -Pbench test -Dtest=TrainingBenchmark}: {@code -Dbench.rows}, {@code -Dbench.runs}, ... */
    @Test
    void printsFigures() throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000);
        run(rows, System.getProperty("bench.algorithms", "dt,gbt"),
                Path.of(System.getProperty("bench.data", "target/bench-data-" + rows)), Integer.getInteger("bench.warmups", 1),
                Integer.getInteger("bench.runs", 3));
    }

    /**
     * How the whole job's time and peak heap grow with the rows per kind: {@code -Dbench.growth=250000,1000000,4000000}
     * ({@code -Dtest=TrainingBenchmark#growth}); one algorithm ({@code -Dbench.algorithms}, default dt), sizes
     * ascending, after one warm-up job at the smallest size.
     */
    @Test
    void growth() throws Exception {
        String sizes = System.getProperty("bench.growth");
        Assumptions.assumeTrue(sizes != null && !sizes.isBlank(), "no -Dbench.growth: no growth run");
        growth(List.of(sizes.split(",")).stream().map(n -> Long.parseLong(n.strip())).sorted().toList(),
                Algorithm.of(System.getProperty("bench.algorithms", "dt").split(",")[0]));
    }

    static void growth(List<Long> sizes, Algorithm algorithm) throws Exception {
        BenchRecorder recorder = new BenchRecorder("training-growth").warmUpRuns(1);
        Path store = Files.createTempDirectory("bench-models");
        SparkSession spark = SparkSessions.create("training-growth", null, TrainCommand.sparkConf());
        TextTable table = new TextTable("kind", "rows", "job s", "s per 100k rows", "peak heap MB");
        Map<String, double[]> measured = new LinkedHashMap<>();
        try {
            for (long rows : sizes) {
                Path data = Path.of("target/bench-data-" + rows);
                if (!Files.exists(data.resolve(TelemetryGenerator.MEMORY_TRAIN))) {
                    new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), rows, 0, 42))
                            .writeAll(data, false);
                }
                if (rows == sizes.get(0)) {
                    System.out.println("warm-up job at " + rows + " rows (not measured)");
                    wholeJob(spark, store, settings(data, EventKind.PROCESS, algorithm), EventKind.PROCESS);
                }
                for (EventKind kind : EventKind.values()) {
                    resetPeaks();
                    long started = System.nanoTime();
                    wholeJob(spark, store, settings(data, kind, algorithm), kind);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long peak = heapPeakMb();
                    measured.put(kind.id() + "/" + rows, new double[] {seconds, peak});
                    table.row(kind.id(), rows, f(seconds), String.format(Locale.ROOT, "%.2f", seconds / rows * 100_000), peak);
                    System.out.println(table.render());
                }
            }
        } finally {
            spark.stop();
        }
        long smallest = sizes.get(0);
        for (EventKind kind : EventKind.values()) {
            double[] base = measured.get(kind.id() + "/" + smallest);
            for (long rows : sizes.subList(1, sizes.size())) {
                double[] at = measured.get(kind.id() + "/" + rows);
                String n = String.format(Locale.ROOT, "%,d", rows);
                String s0 = String.format(Locale.ROOT, "%,d", smallest);
                // linear growth is a ratio of rows / smallest: 4x for 1M against 250k
                recorder.figure("training growth, " + kind.id() + " " + algorithm.id() + ": " + n + " rows vs " + s0, "s",
                                "whole job, " + n + " rows", List.of(at[0]), "whole job, " + s0 + " rows", List.of(base[0]), null,
                                null)
                        .figure("training growth, " + kind.id() + " " + algorithm.id() + ": peak heap at " + n + " rows vs "
                                + s0, "MB", "whole job, " + n + " rows", List.of(at[1]), "whole job, " + s0 + " rows",
                                List.of(base[1]), null, null);
            }
        }
        System.out.print(table.markdown());
        recorder.note(String.format(Locale.ROOT, "rows per kind %s (generated, seed 42), %s, Spark local[2] in one JVM,"
                + " -Xmx%dm; peak heap: the heap pools' peaks during each job", sizes, algorithm.id(),
                Runtime.getRuntime().maxMemory() >> 20)).writeIfAsked();
    }

    private static void wholeJob(SparkSession spark, Path store, TrainingSettings settings, EventKind kind) throws Exception {
        TrainingJob.Trained trained = new TrainingJob(spark, settings, new StageLog(System.out)).train(settings.files().get(0));
        VersionPublisher.publish(new ModelStore(new LocalBlobStore(store)), kind, trained.model(),
                TrainingBench.files(trained, settings));
    }

    static void run(long rows, String algorithmList, Path data, int warmUpRuns, int runs) throws Exception {
        BenchRecorder recorder = new BenchRecorder("training").warmUpRuns(warmUpRuns);
        List<Algorithm> algorithms = List.of(algorithmList.split(",")).stream().map(Algorithm::of).toList();
        if (!Files.exists(data.resolve(TelemetryGenerator.MEMORY_TRAIN))) {
            new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), rows, 0, 42)).writeAll(data, false);
        }
        Path store = Files.createTempDirectory("bench-models");
        SparkSession spark = SparkSessions.create("training-benchmark", null, TrainCommand.sparkConf());
        TextTable table = new TextTable("run", "kind", "algorithm", "rows", "train rows", "job s", "plain s", "job/plain",
                "bare fit s", "job/fit", "job peak heap MB", "plain peak heap MB", "F1 job / plain", "AUC job / plain");
        Map<String, List<double[]>> cases = new LinkedHashMap<>();
        try {
            for (int i = 0; i < warmUpRuns; i++) {
                System.out.println("warm-up run " + (i + 1) + " of " + warmUpRuns + " (not measured)");
                TrainingSettings settings = settings(data, EventKind.PROCESS, algorithms.get(0));
                TrainingJob.Trained trained = new TrainingJob(spark, settings, new StageLog(System.out)).train(settings.files().get(0));
                VersionPublisher.publish(new ModelStore(new LocalBlobStore(store)), EventKind.PROCESS, trained.model(),
                        TrainingBench.files(trained, settings));
                plain(spark, data, EventKind.PROCESS, algorithms.get(0), trained, settings);
            }
            for (int run = 1; run <= runs; run++) {
                for (EventKind kind : EventKind.values()) {
                    for (Algorithm algorithm : algorithms) {
                        TrainingSettings settings = settings(data, kind, algorithm);
                        TrainingJob job = new TrainingJob(spark, settings, new StageLog(System.out));
                        // the plain program needs the job's feature selection, so the job goes first; a warm-up
                        // ran both, so neither pays for the JIT alone
                        resetPeaks();
                        long started = System.nanoTime();
                        TrainingJob.Trained trained = job.train(settings.files().get(0));
                        VersionPublisher.publish(new ModelStore(new LocalBlobStore(store)), kind, trained.model(),
                                TrainingBench.files(trained, settings));
                        double jobSeconds = (System.nanoTime() - started) / 1e9;
                        long jobPeak = heapPeakMb();

                        resetPeaks();
                        long plainStarted = System.nanoTime();
                        PlainTraining.Result plain = plain(spark, data, kind, algorithm, trained, settings);
                        double plainSeconds = (System.nanoTime() - plainStarted) / 1e9;
                        long plainPeak = heapPeakMb();

                        // the same rows, cached and counted, then only the fit is timed
                        try (TrainingJob.Prepared prepared = job.prepare(settings.files().get(0))) {
                            resetPeaks();
                            long fitStarted = System.nanoTime();
                            TrainingBench.bareFit(job, algorithm, trained.outcome().selection(), prepared.train());
                            double fitSeconds = (System.nanoTime() - fitStarted) / 1e9;
                            table.row(run, kind.id(), algorithm.id(), rows, trained.outcome().trainingRows(), f(jobSeconds),
                                    f(plainSeconds), String.format(Locale.ROOT, "%.2fx", jobSeconds / plainSeconds),
                                    f(fitSeconds), String.format(Locale.ROOT, "%.2fx", jobSeconds / fitSeconds), jobPeak, plainPeak,
                                    String.format(Locale.ROOT, "%.4f / %.4f", trained.outcome().chosen().f1(), plain.f1()),
                                    String.format(Locale.ROOT, "%.4f / %.4f", trained.outcome().chosen().auc(), plain.auc()));
                            cases.computeIfAbsent(kind.id() + " " + algorithm.id(), k -> new ArrayList<>())
                                    .add(new double[] {jobSeconds, plainSeconds, fitSeconds});
                        }
                        System.out.println(table.render());
                    }
                }
            }
        } finally {
            spark.stop();
        }
        System.out.println();
        System.out.println("Training benchmark, local[2], " + Runtime.getRuntime().availableProcessors() + " cores, -Xmx"
                + Runtime.getRuntime().maxMemory() / (1 << 20) + "m, " + warmUpRuns + " warm-up run(s), " + runs
                + " measured run(s):");
        System.out.print(table.markdown());
        cases.forEach((name, measured) -> {
            List<Double> job = measured.stream().map(m -> m[0]).toList();
            recorder.figure("training " + name + ": whole job vs plain program", "s", "stophack train (whole job)", job,
                            "plain Spark program (PlainTraining)", measured.stream().map(m -> m[1]).toList(),
                            BenchGoal.ratioAtMost(1.0), null)
                    .figure("training " + name + ": whole job vs bare Pipeline.fit (information)", "s",
                            "stophack train (whole job)", job, "bare Pipeline.fit on the job's cached rows",
                            measured.stream().map(m -> m[2]).toList(), null, null);
        });
        recorder.note(String.format(Locale.ROOT, "%,d generated rows per kind (seed 42); Spark local[2] in one JVM, -Xmx%dm;"
                + " peak heap of each part printed in the benchmark's output", rows, Runtime.getRuntime().maxMemory() >> 20))
                .writeIfAsked();
    }

    private static PlainTraining.Result plain(SparkSession spark, Path data, EventKind kind, Algorithm algorithm,
                                              TrainingJob.Trained trained, TrainingSettings settings) {
        String file = data.resolve(kind == EventKind.PROCESS ? TelemetryGenerator.PROCESS_TRAIN : TelemetryGenerator.MEMORY_TRAIN)
                .toString();
        return PlainTraining.run(spark, file, kind, trained.outcome().selection().features(),
                new Classifiers(settings.gbtIterations(), settings.seed()).create(algorithm), settings.seed());
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
