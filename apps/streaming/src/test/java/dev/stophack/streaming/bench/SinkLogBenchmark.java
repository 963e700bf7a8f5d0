package dev.stophack.streaming.bench;

import dev.stophack.console.CommandMain;
import dev.stophack.testkit.LocalSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.FileStreamSinkLog;
import org.apache.spark.sql.execution.streaming.SinkFileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.Option$;

/**
 * Prints what a month of running does to a file sink's {@code _spark_metadata} log (not a test).
 * The log lists every file the sink ever wrote, and every tenth batch rewrites the whole list
 * into a compact file: without retention that file, and the time to write it, grow with the
 * number of batches. Building a 100k-batch log batch by batch would take hours of compactions,
 * so the log is seeded with the entries of {@code --batches} batches at once (one compaction
 * batch holding them all, modification times spread over the batches' trigger interval), then
 * the next {@code --measured} batches are timed: the per-batch cost the job pays from then on.
 */
@Command(name = "sink-log-benchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Size and per-batch cost of a file sink's _spark_metadata log after many batches, with and without retention.")
public final class SinkLogBenchmark implements Callable<Integer> {
    @Option(names = "--batches", defaultValue = "100000", description = "Batches already written when the measure starts.")
    int batches;

    @Option(names = "--files-per-batch", defaultValue = "2",
            description = "Files a batch adds to one output (date partitions x writing tasks).")
    int filesPerBatch;

    @Option(names = "--trigger", defaultValue = "PT5S", description = "The job's trigger interval (ISO-8601).")
    Duration trigger;

    @Option(names = "--retain-days", defaultValue = "1", description = "Retention of the compared run, in days.")
    int retainDays;

    @Option(names = "--measured", defaultValue = "100", description = "Batches timed after the seed.")
    int measured;

    @Option(names = "--dir", description = "Where the logs go (default: a temporary folder, deleted at the end).")
    Path dir;

    public static void main(String[] args) {
        System.exit(CommandMain.run(new SinkLogBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("sink-log-bench");
        SparkSession spark = LocalSpark.builder().master("local[1]")
                // old delta files are deleted at once, as they are 10 minutes into a steady run
                .config("spark.sql.streaming.fileSink.log.cleanupDelay", "0")
                .getOrCreate();
        try {
            System.out.printf(Locale.ROOT, "%,d batches at %s, %d files each, then %d batches timed%n",
                    batches, trigger, filesPerBatch, measured);
            System.out.printf(Locale.ROOT, "%-12s %14s %18s %18s %20s%n", "retention", "entries kept",
                    "compact file (B)", "ms/batch (delta)", "ms/batch (compaction)");
            run(spark, root.resolve("keep-all"), null, "none");
            run(spark, root.resolve("retained"), Duration.ofDays(retainDays).toMillis(), retainDays + " days");
        } finally {
            spark.stop();
            if (dir == null) {
                delete(root);
            }
        }
        return 0;
    }

    private void run(SparkSession spark, Path logDir, Long retentionMs, String label) {
        FileStreamSinkLog log = new FileStreamSinkLog(FileStreamSinkLog.VERSION(), spark, logDir.toUri().toString(),
                retentionMs == null ? Option$.MODULE$.empty() : Option$.MODULE$.apply(retentionMs));
        long now = System.currentTimeMillis();
        long firstBatch = now - (long) batches * trigger.toMillis();
        for (long id = 0; id < 9; id++) {
            log.add(id, batchFiles(firstBatch + id * trigger.toMillis()));
        }
        // batch 9 is a compaction batch: it carries the files of all the seeded batches
        SinkFileStatus[] seeded = new SinkFileStatus[batches * filesPerBatch];
        for (int b = 0; b < batches; b++) {
            SinkFileStatus[] files = batchFiles(firstBatch + (long) b * trigger.toMillis());
            System.arraycopy(files, 0, seeded, b * filesPerBatch, filesPerBatch);
        }
        log.add(9L, seeded);

        long deltaNanos = 0;
        long compactNanos = 0;
        int compactions = 0;
        for (long id = 10; id < 10 + measured; id++) {
            SinkFileStatus[] files = batchFiles(System.currentTimeMillis());
            long t0 = System.nanoTime();
            log.add(id, files);
            long took = System.nanoTime() - t0;
            if ((id + 1) % 10 == 0) {
                compactNanos += took;
                compactions++;
            } else {
                deltaNanos += took;
            }
        }
        long lastCompact = lastCompactionBatch(10 + measured - 1);
        Path compact = logDir.resolve(lastCompact + ".compact");
        System.out.printf(Locale.ROOT, "%-12s %,14d %,18d %18.1f %20.1f%n", label, log.allFiles().length,
                size(compact), deltaNanos / 1e6 / Math.max(1, measured - compactions),
                compactNanos / 1e6 / Math.max(1, compactions));
    }

    private static long lastCompactionBatch(long lastBatch) {
        return (lastBatch + 1) / 10 * 10 - 1;
    }

    /** The files one batch adds: paths as the job writes them on S3, about 100 KB each. */
    private SinkFileStatus[] batchFiles(long modificationTime) {
        SinkFileStatus[] files = new SinkFileStatus[filesPerBatch];
        String date = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(modificationTime),
                java.time.ZoneOffset.UTC).toString();
        for (int i = 0; i < filesPerBatch; i++) {
            String path = "s3a://stophack/events/process/date=" + date + "/part-" + String.format("%05d", i) + "-"
                    + UUID.randomUUID() + ".c000.snappy.parquet";
            files[i] = new SinkFileStatus(path, 100_000L, false, modificationTime, 1, 32L << 20, FileStreamSinkLog.ADD_ACTION());
        }
        return files;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
