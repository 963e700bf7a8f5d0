package dev.stophack.streaming.weblog.surge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The baselines after each micro-batch, next to the surge query's checkpoint:
 * {@code stophack-baselines/<batch>.json}. Batch N starts from the baselines of the latest batch
 * before it, so when Spark replays N after a crash it starts from the same baselines and decides
 * the same alerts. The last few files are kept; older ones are deleted.
 */
public final class BaselineStore {
    static final String FOLDER = "stophack-baselines";
    private static final int KEEP = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<long[]>>> TYPE = new TypeReference<>() { };

    private final Path folder;
    private final Configuration hadoop;
    private long cachedBatch = -1;
    private Baselines cached;

    public BaselineStore(String checkpointDir, Configuration hadoop) {
        this.folder = new Path(checkpointDir, FOLDER);
        this.hadoop = hadoop;
    }

    /** The baselines batch {@code batchId} starts from: those after the latest batch before it, or none. */
    public synchronized Baselines before(long batchId) {
        if (cached != null && cachedBatch == batchId - 1) {
            return Baselines.of(cached.windows());
        }
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            OptionalLong latest = batches(fs).filter(b -> b < batchId).max();
            if (latest.isEmpty()) {
                return new Baselines();
            }
            try (InputStream in = fs.open(file(latest.getAsLong()))) {
                return Baselines.of(JSON.readValue(in, TYPE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the error-surge baselines in " + folder, e);
        }
    }

    /** Stores the baselines after batch {@code batchId}. */
    public synchronized void after(long batchId, Baselines baselines) {
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            try (OutputStream out = fs.create(file(batchId), true)) {
                JSON.writeValue(out, baselines.windows());
            }
            long[] old = batches(fs).filter(b -> b <= batchId - KEEP).toArray();
            for (long b : old) {
                fs.delete(file(b), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the error-surge baselines of batch " + batchId + " in " + folder, e);
        }
        cached = Baselines.of(baselines.windows());
        cachedBatch = batchId;
    }

    private java.util.stream.LongStream batches(FileSystem fs) throws IOException {
        if (!fs.exists(folder)) {
            return java.util.stream.LongStream.empty();
        }
        FileStatus[] files = fs.listStatus(folder);
        return Arrays.stream(files).map(f -> f.getPath().getName()).filter(n -> n.matches("\\d{1,18}\\.json"))
                .mapToLong(n -> Long.parseLong(n.substring(0, n.length() - ".json".length())));
    }

    private Path file(long batchId) {
        return new Path(folder, batchId + ".json");
    }
}
