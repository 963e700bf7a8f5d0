package dev.stophack.streaming.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.streaming.StreamJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Which ingest micro-batch read which Kafka record, from Spark's own progress reports: each batch
 * reports the offsets it read up to, per topic and partition. A test registers it on the session
 * before the job starts and can then name the batch of any persisted event.
 */
public final class IngestBatches extends StreamingQueryListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** batch id -> topic -> partition -> offset the batch read up to (exclusive) */
    private final TreeMap<Long, Map<String, Map<Integer, Long>>> ends = new TreeMap<>();

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        if (!StreamJob.INGEST.equals(p.name()) || p.numInputRows() == 0) {
            return;
        }
        for (SourceProgress source : p.sources()) {
            Map<String, Map<Integer, Long>> end = new TreeMap<>();
            try {
                JsonNode topics = JSON.readTree(source.endOffset());
                topics.fields().forEachRemaining(t -> {
                    Map<Integer, Long> partitions = new TreeMap<>();
                    t.getValue().fields().forEachRemaining(o -> partitions.put(Integer.parseInt(o.getKey()), o.getValue().asLong()));
                    end.put(t.getKey(), partitions);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (this) {
                ends.put(p.batchId(), end);
            }
        }
    }

    /** The latest ingest batch that read anything, or -1 before the first. */
    public synchronized long latest() {
        return ends.isEmpty() ? -1 : ends.lastKey();
    }

    /** The ingest batch that read record {@code offset} of {@code topic}'s {@code partition}, if reported yet. */
    public synchronized OptionalLong batchOf(String topic, int partition, long offset) {
        for (Map.Entry<Long, Map<String, Map<Integer, Long>>> batch : ends.entrySet()) {
            Long end = batch.getValue().getOrDefault(topic, Map.of()).get(partition);
            if (end != null && offset < end) {
                return OptionalLong.of(batch.getKey());
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }
}
