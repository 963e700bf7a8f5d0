package dev.stophack.streaming.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.api.events.EventKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which model versions scored the latest micro-batch, and the time it was read, kept next to the
 * ingest query's checkpoint. It is written before a batch is scored; when Spark replays that batch
 * after a crash, the job scores it with the same versions and judges its event times against the
 * same read time (see {@link dev.stophack.streaming.parse.Plausibility}), so its outputs are the
 * same whichever model is current and whatever the clock says by then. Only the latest batch can
 * be replayed, so one small file is enough.
 */
public final class BatchModelLog {
    private static final Logger LOG = LoggerFactory.getLogger(BatchModelLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "stophack-models.json";

    private final Path file;
    private final Configuration hadoop;
    private Record last;
    private boolean loaded;

    /**
     * The versions (null: no model) that scored batch {@code batchId}, and when the batch was
     * first read (micros; -1 in a file written before the read time was kept).
     */
    public record Record(long batchId, Map<EventKind, Integer> versions, long readMicros) {
    }

    public BatchModelLog(String checkpointDir, Configuration hadoop) {
        this.file = new Path(checkpointDir, FILE);
        this.hadoop = hadoop;
    }

    /** What was recorded for {@code batchId}, if that batch was started before. */
    public synchronized Optional<Record> recorded(long batchId) {
        if (!loaded) {
            last = read();
            loaded = true;
        }
        return last != null && last.batchId() == batchId ? Optional.of(last) : Optional.empty();
    }

    /** Records the versions that are about to score {@code batchId}, read at {@code readMicros}. */
    public synchronized void record(long batchId, Map<EventKind, Integer> versions, long readMicros) {
        ObjectNode node = JSON.createObjectNode().put("batch", batchId).put("readMicros", readMicros);
        ObjectNode v = node.putObject("versions");
        versions.forEach((kind, version) -> {
            if (version == null) {
                v.putNull(kind.id());
            } else {
                v.put(kind.id(), version);
            }
        });
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            try (OutputStream out = fs.create(file, true)) {
                JSON.writeValue(out, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the models of batch " + batchId + " in " + file, e);
        }
        last = new Record(batchId, new EnumMap<>(versions), readMicros);
        loaded = true;
    }

    private Record read() {
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            if (!fs.exists(file)) {
                return null;
            }
            JsonNode node;
            try (InputStream in = fs.open(file)) {
                node = JSON.readTree(in);
            }
            Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
            for (EventKind kind : EventKind.values()) {
                JsonNode v = node.path("versions").path(kind.id());
                versions.put(kind, v.isInt() ? v.intValue() : null);
            }
            return new Record(node.path("batch").asLong(-1), versions, node.path("readMicros").asLong(-1));
        } catch (IOException | RuntimeException e) {
            // a torn write of a local file: the batch is then scored with the current models
            LOG.warn("cannot read {} ({}); the next batch uses the current models", file, e.getMessage());
            return null;
        }
    }
}
