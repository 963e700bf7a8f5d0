package dev.stophack.streaming.metrics;

import java.util.function.Consumer;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every finished micro-batch into metrics and, when it read something or holds state, one
 * log line: input rows, rows/s, duration, state-store rows, rows dropped as late, watermark.
 */
public final class BatchListener extends StreamingQueryListener {
    private static final Logger LOG = LoggerFactory.getLogger(BatchListener.class);

    private final StreamMetrics metrics;
    private final Consumer<String> progressed;
    private final Watermarks watermarks;

    /**
     * @param progressed told the name of each query that completed a batch
     * @param watermarks told each query's watermark
     */
    public BatchListener(StreamMetrics metrics, Consumer<String> progressed, Watermarks watermarks) {
        this.metrics = metrics;
        this.progressed = progressed;
        this.watermarks = watermarks;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        String name = p.name() == null ? p.id().toString() : p.name();
        long stateRows = 0;
        long lateRows = 0;
        for (StateOperatorProgress s : p.stateOperators()) {
            stateRows += s.numRowsTotal();
            lateRows += s.numRowsDroppedByWatermark();
        }
        long durationMs = p.batchDuration();
        metrics.batch(name, p.batchId(), p.numInputRows(), p.processedRowsPerSecond(), durationMs, stateRows, lateRows);
        progressed.accept(name);
        String watermark = p.eventTime() == null ? null : p.eventTime().get("watermark");
        watermarks.reported(name, watermark);
        if (p.numInputRows() > 0 || lateRows > 0) {
            LOG.info("{} batch {}: {} rows in {} ms ({} rows/s), state rows {}, late rows {}{}", name, p.batchId(),
                    p.numInputRows(), durationMs, Math.round(p.processedRowsPerSecond()), stateRows, lateRows,
                    watermark == null ? "" : ", watermark " + watermark);
        }
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }
}
