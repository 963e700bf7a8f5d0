package dev.stophack.streaming.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.FileStreamSink;
import org.apache.spark.sql.execution.streaming.FileStreamSinkLog;
import org.apache.spark.sql.execution.streaming.SinkFileStatus;
import scala.Option$;

/**
 * How long the parquet outputs keep their files, in two steps that keep each sink's
 * {@code _spark_metadata} log and its folder consistent. Spark's file sink drops an entry from
 * its log at the next compaction once the file was written longer ago than its {@code retention}
 * option, which bounds the log (without it, every tenth batch rewrites a list of every file ever
 * written: docs/benchmarks.md); {@link #sweep} then deletes, under the old {@code date=}
 * partitions, only files the log no longer lists and that were written before the cut-off. A
 * reader going through the log never meets a deleted file, and a batch being written now, even
 * into an old partition, is never touched.
 */
public final class Retention {
    /** Keep everything: no sink option, no sweep. */
    public static final Retention FOREVER = new Retention(Duration.ZERO);

    private final Duration keep;

    private Retention(Duration keep) {
        this.keep = keep;
    }

    /** Files written more than {@code days} ago go; 0 keeps everything. */
    public static Retention days(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("--retain-days cannot be negative, got " + days);
        }
        return days == 0 ? FOREVER : new Retention(Duration.ofDays(days));
    }

    /** Any length (tests and benchmarks use less than a day); zero keeps everything. */
    public static Retention of(Duration keep) {
        if (keep.isNegative()) {
            throw new IllegalArgumentException("a retention cannot be negative, got " + keep);
        }
        return keep.isZero() ? FOREVER : new Retention(keep);
    }

    public boolean keepsEverything() {
        return keep.isZero();
    }

    public Duration keep() {
        return keep;
    }

    /** The options that make a file sink drop old entries from its log as it compacts. */
    public Map<String, String> sinkOptions() {
        return keepsEverything() ? Map.of() : Map.of("retention", keep.toMillis() + "ms");
    }

    /**
     * Deletes the files of {@code output} written before {@code now - keep} that its sink log
     * no longer lists, and the {@code date=} folders left empty; returns how many files went.
     */
    public long sweep(SparkSession spark, String output, Instant now) {
        if (keepsEverything()) {
            return 0;
        }
        Path base = new Path(output);
        try {
            FileSystem fs = base.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path logPath = new Path(base, FileStreamSink.metadataDir());
            if (!fs.exists(logPath)) {
                return 0; // nothing committed yet, or not a sink's folder: nothing is known to be safe
            }
            Set<String> listed = listed(spark, fs, logPath);
            long cutoff = now.minus(keep).toEpochMilli();
            LocalDate lastOldDate = LocalDate.ofInstant(Instant.ofEpochMilli(cutoff), ZoneOffset.UTC);
            long deleted = 0;
            for (FileStatus partition : fs.listStatus(base)) {
                LocalDate date = partitionDate(partition);
                // a file written before the cut-off holds events of that day or earlier
                if (date != null && !date.isAfter(lastOldDate)) {
                    deleted += sweepPartition(fs, partition.getPath(), listed, cutoff);
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply retention to " + output, e);
        }
    }

    private static Set<String> listed(SparkSession spark, FileSystem fs, Path logPath) {
        FileStreamSinkLog log = new FileStreamSinkLog(FileStreamSinkLog.VERSION(), spark, logPath.toString(),
                Option$.MODULE$.empty());
        Set<String> paths = new HashSet<>();
        for (SinkFileStatus f : log.allFiles()) {
            paths.add(fs.makeQualified(new Path(f.path())).toUri().getPath());
        }
        return paths;
    }

    private static long sweepPartition(FileSystem fs, Path partition, Set<String> listed, long cutoff) throws IOException {
        long deleted = 0;
        boolean kept = false;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(partition, true);
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            String path = fs.makeQualified(f.getPath()).toUri().getPath();
            if (f.getModificationTime() < cutoff && !listed.contains(path)) {
                fs.delete(f.getPath(), false);
                deleted++;
            } else {
                kept = true;
            }
        }
        if (!kept) {
            fs.delete(partition, true);
        }
        return deleted;
    }

    /** The date of a {@code date=YYYY-MM-DD} folder, or null for anything else. */
    static LocalDate partitionDate(FileStatus status) {
        String name = status.getPath().getName();
        if (!status.isDirectory() || !name.startsWith("date=")) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring("date=".length()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        if (keepsEverything()) {
            return "everything kept";
        }
        return "files kept " + (keep.toSeconds() % 86_400 == 0 ? keep.toDays() + " days" : keep.toString());
    }
}
