package dev.stophack.cli.demo.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one of the streaming job's queries has got to in Kafka, from its Structured Streaming
 * checkpoint: the Kafka offsets up to which its last committed micro-batch read (and wrote).
 * This survives restarts, unlike the job's counters, so the demo can tell when a resumed job
 * has caught up with everything the producers sent, and its attack queries with the ingest.
 */
public final class QueryCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlobStore bucket;
    private final String checkpoint;

    /** {@code bucket}: the store at the bucket's root; {@code query}: the streaming query's name. */
    public QueryCheckpoint(BlobStore bucket, String query) {
        this.bucket = bucket;
        this.checkpoint = S3Layout.checkpoint(query);
    }

    /** Offsets ("topic:partition" → next offset) of the last committed batch; empty before the first. */
    public Optional<Map<String, Long>> committed() throws IOException {
        Optional<Long> batch = lastBatch();
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> offsets = bucket.get(checkpoint + "/offsets/" + batch.get());
        return offsets.map(bytes -> parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    /**
     * How many batches the query has planned and committed: Spark writes a batch's offsets when
     * it starts it and its commit when it is done, so this grows while the query works, from the
     * start of its very first batch on, before anything is committed.
     */
    public long steps() throws IOException {
        return batchFiles(checkpoint + "/offsets/") + batchFiles(checkpoint + "/commits/");
    }

    private long batchFiles(String prefix) throws IOException {
        return bucket.list(prefix).stream().filter(key -> key.substring(prefix.length()).matches("[0-9]+")).count();
    }

    private Optional<Long> lastBatch() throws IOException {
        long last = -1;
        String prefix = checkpoint + "/commits/";
        for (String key : bucket.list(prefix)) {
            String name = key.substring(prefix.length());
            if (name.matches("[0-9]+")) {
                last = Math.max(last, Long.parseLong(name));
            }
        }
        return last < 0 ? Optional.empty() : Optional.of(last);
    }

    /**
     * An offsets file: a version line, the batch's metadata, then one line per source; a Kafka
     * source's is {@code {"topic":{"partition":offset,...},...}}.
     */
    static Map<String, Long> parse(String file) {
        Map<String, Long> offsets = new HashMap<>();
        List<String> lines = file.lines().toList();
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            try {
                JsonNode source = JSON.readTree(line);
                for (Iterator<Map.Entry<String, JsonNode>> topics = source.fields(); topics.hasNext(); ) {
                    Map.Entry<String, JsonNode> topic = topics.next();
                    for (Iterator<Map.Entry<String, JsonNode>> ps = topic.getValue().fields(); ps.hasNext(); ) {
                        Map.Entry<String, JsonNode> p = ps.next();
                        // a join reads a topic twice: it has got as far as its slower source
                        offsets.merge(topic.getKey() + ":" + p.getKey(), p.getValue().asLong(), Math::min);
                    }
                }
            } catch (IOException e) {
                // not a Kafka source's line ("-" for a source without data): nothing to add
            }
        }
        return offsets;
    }

    /** Whether {@code committed} reaches every end offset in {@code ends} ("topic:partition" → end offset). */
    public static boolean caughtUp(Map<String, Long> committed, Map<String, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }
}
