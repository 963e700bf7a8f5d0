package dev.stophack.streaming.weblog.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The detectors' state after each micro-batch, next to the query's checkpoint:
 * {@code stophack-detectors/<batch>.json}. Batch N starts from the state of the latest batch
 * before it, so when Spark replays N after a crash it starts from the same state and decides the
 * same alerts. The last few files are kept; older ones are deleted.
 */
public final class DetectorStore {
    static final String FOLDER = "stophack-detectors";
    private static final int KEEP = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Configuration hadoop;
    private long cachedBatch = -1;
    private byte[] cached;

    public DetectorStore(String checkpointDir, Configuration hadoop) {
        this.folder = new Path(checkpointDir, FOLDER);
        this.hadoop = hadoop;
    }

    /** The state batch {@code batchId} starts from: that after the latest batch before it, or a fresh one. */
    public synchronized DetectorState before(long batchId) {
        try {
            if (cached != null && cachedBatch == batchId - 1) {
                return JSON.readValue(cached, DetectorState.class);
            }
            FileSystem fs = folder.getFileSystem(hadoop);
            OptionalLong latest = batches(fs).filter(b -> b < batchId).max();
            if (latest.isEmpty()) {
                return new DetectorState();
            }
            try (InputStream in = fs.open(file(latest.getAsLong()))) {
                return JSON.readValue(in, DetectorState.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web detectors' state in " + folder, e);
        }
    }

    /** Stores the state after batch {@code batchId}. */
    public synchronized void after(long batchId, DetectorState state) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(state);
            FileSystem fs = folder.getFileSystem(hadoop);
            try (OutputStream out = fs.create(file(batchId), true)) {
                out.write(bytes);
            }
            for (long b : batches(fs).filter(b -> b <= batchId - KEEP).toArray()) {
                fs.delete(file(b), false);
            }
            cached = bytes;
            cachedBatch = batchId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the web detectors' state of batch " + batchId + " in " + folder, e);
        }
    }

    private LongStream batches(FileSystem fs) throws IOException {
        if (!fs.exists(folder)) {
            return LongStream.empty();
        }
        FileStatus[] files = fs.listStatus(folder);
        return Arrays.stream(files).map(f -> f.getPath().getName()).filter(n -> n.matches("\\d{1,18}\\.json"))
                .mapToLong(n -> Long.parseLong(n.substring(0, n.length() - ".json".length())));
    }

    private Path file(long batchId) {
        return new Path(folder, batchId + ".json");
    }
}
