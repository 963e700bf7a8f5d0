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
 * Which model versions scored the latest micro-batch, which candidates scored it in their shadow,
 * and the time it was read, kept next to the ingest query's checkpoint. It is written before a
 * batch is scored; when Spark replays that batch after a crash, the job scores it with the same
 * versions and judges its event times against the same read time (see
 * {@link dev.stophack.streaming.parse.Plausibility}), so its outputs are the same whichever model
 * is current and whatever the clock says by then. It also counts the attempts: a batch that keeps
 * failing with a version that is no longer active is replayed with the current one (see
 * {@link ReplayRule}), and the log keeps which version that replaced. Only the latest batch can be
 * replayed, so one small file is enough.
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
     * What runs batch {@code batchId}.
     *
     * @param versions   by kind, the version whose predictions the batch writes (null: no model)
     * @param candidates by kind, the version scored in its shadow (null: none)
     * @param readMicros when the batch was first read (-1 in a file written before the read time was kept)
     * @param attempts   attempts started with these versions; each one before the current ended
     *                   without committing the batch
     * @param replaced   by kind, a version that failed the batch and was replaced by the one in
     *                   {@code versions} (empty: none was)
     */
    public record Record(long batchId, Map<EventKind, Integer> versions, Map<EventKind, Integer> candidates,
            long readMicros, int attempts, Map<EventKind, Integer> replaced) {

        public Record {
            versions = copy(versions);
            candidates = copy(candidates);
            replaced = copy(replaced);
        }

        /** A batch's first attempt. */
        public static Record first(long batchId, Map<EventKind, Integer> versions, Map<EventKind, Integer> candidates,
                long readMicros) {
            return new Record(batchId, versions, candidates, readMicros, 1, Map.of());
        }

        private static Map<EventKind, Integer> copy(Map<EventKind, Integer> m) {
            Map<EventKind, Integer> c = new EnumMap<>(EventKind.class);
            if (m != null) {
                c.putAll(m);
            }
            return c;
        }
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

    /** Records what is about to run {@code record.batchId()}, replacing what was recorded before. */
    public synchronized void record(Record record) {
        ObjectNode node = JSON.createObjectNode().put("batch", record.batchId()).put("readMicros", record.readMicros())
                .put("attempts", record.attempts());
        versions(node.putObject("versions"), record.versions());
        versions(node.putObject("candidates"), record.candidates());
        if (!record.replaced().isEmpty()) {
            versions(node.putObject("replaced"), record.replaced());
        }
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            try (OutputStream out = fs.create(file, true)) {
                JSON.writeValue(out, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the models of batch " + record.batchId() + " in " + file, e);
        }
        last = record;
        loaded = true;
    }

    private static void versions(ObjectNode out, Map<EventKind, Integer> versions) {
        for (EventKind kind : EventKind.values()) {
            if (!versions.containsKey(kind)) {
                continue;
            }
            Integer version = versions.get(kind);
            if (version == null) {
                out.putNull(kind.id());
            } else {
                out.put(kind.id(), version);
            }
        }
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
            Map<EventKind, Integer> replaced = versions(node.path("replaced"));
            replaced.values().removeIf(v -> v == null);
            // files written before attempts and candidates were kept: one attempt, no candidate
            return new Record(node.path("batch").asLong(-1), versions(node.path("versions")),
                    versions(node.path("candidates")), node.path("readMicros").asLong(-1),
                    Math.max(1, node.path("attempts").asInt(1)), replaced);
        } catch (IOException | RuntimeException e) {
            // a torn write of a local file: the batch is then scored with the current models
            LOG.warn("cannot read {} ({}); the next batch uses the current models", file, e.getMessage());
            return null;
        }
    }

    private static Map<EventKind, Integer> versions(JsonNode node) {
        Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            JsonNode v = node.path(kind.id());
            versions.put(kind, v.isInt() ? v.intValue() : null);
        }
        return versions;
    }
}
