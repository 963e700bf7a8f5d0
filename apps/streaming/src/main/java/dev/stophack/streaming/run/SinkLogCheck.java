package dev.stophack.streaming.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses to start a query whose file outputs remember batches its checkpoint does not.
 *
 * <p>Spark's file sink lists each committed batch id in the output's {@code _spark_metadata} log
 * and skips a batch id it already has: that is what makes a replay exactly once. After a
 * checkpoint is lost or reset, though, the query counts its batches from 0 again, and the sink
 * would skip every new batch up to the last id it remembers: new data, dropped without a word.
 * Normally the log is at most at the checkpoint's latest planned batch ({@code offsets/}); ahead
 * of it, the two do not belong together.
 */
public final class SinkLogCheck {
    static final String SINK_LOG = "_spark_metadata";
    static final String OFFSETS = "offsets";
    private static final String COMPACT = ".compact";

    private SinkLogCheck() {
    }

    /**
     * Fails with what to do when one of {@code outputs} (directories written by query
     * {@code query}) has committed a batch later than any its checkpoint {@code checkpoint} planned.
     */
    public static void requireCheckpointCovers(Configuration hadoop, String query, String checkpoint, List<String> outputs) {
        OptionalLong planned = latestBatch(hadoop, new Path(checkpoint, OFFSETS));
        for (String output : outputs) {
            OptionalLong written = latestBatch(hadoop, new Path(output, SINK_LOG));
            if (written.isPresent() && written.getAsLong() > planned.orElse(-1)) {
                throw new IllegalStateException(String.format(
                        "the output %s has committed batches up to %d of query %s (its %s log), but the query's"
                                + " checkpoint %s %s: the file sink would skip new batches with those ids and drop their"
                                + " data. Restore the checkpoint that belongs to this output, or write to a new output"
                                + " root (--output) with a new checkpoint root (--checkpoints)",
                        output, written.getAsLong(), query, SINK_LOG, checkpoint,
                        planned.isPresent() ? "is at batch " + planned.getAsLong() : "has no batch (lost or reset)"));
            }
        }
    }

    /** Whether the file output at {@code output} has committed batch {@code batchId} (its log lists it or a later one). */
    public static boolean committed(Configuration hadoop, String output, long batchId) {
        return latestBatch(hadoop, new Path(output, SINK_LOG)).orElse(-1) >= batchId;
    }

    /**
     * The highest batch id among the files of a metadata log ({@code 7}, or {@code 9.compact} for
     * a compacted sink log); empty when the directory is missing or has none.
     */
    static OptionalLong latestBatch(Configuration hadoop, Path log) {
        FileStatus[] files;
        try {
            FileSystem fs = log.getFileSystem(hadoop);
            files = fs.listStatus(log);
        } catch (FileNotFoundException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + log, e);
        }
        long latest = -1;
        for (FileStatus f : files) {
            long id = batchId(f.getPath().getName());
            latest = Math.max(latest, id);
        }
        return latest < 0 ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    /** The batch id a log file is named by, or -1 for anything else (temporary files, checksums). */
    static long batchId(String name) {
        String digits = name.endsWith(COMPACT) ? name.substring(0, name.length() - COMPACT.length()) : name;
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }
}
