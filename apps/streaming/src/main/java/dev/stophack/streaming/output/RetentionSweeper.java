package dev.stophack.streaming.output;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link Retention} to the job's parquet outputs on a background thread: at start and
 * then every hour, so a failed sweep (S3 down) is simply tried again later and never stops a query.
 */
public final class RetentionSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    static final Duration EVERY = Duration.ofHours(1);

    private final ScheduledExecutorService timer;

    private RetentionSweeper(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts sweeping {@code outputs}; a retention that keeps everything starts nothing. */
    public static RetentionSweeper start(SparkSession spark, Retention retention, List<String> outputs) {
        if (retention.keepsEverything()) {
            return new RetentionSweeper(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> sweep(spark, retention, outputs), 0, EVERY.toMinutes(), TimeUnit.MINUTES);
        return new RetentionSweeper(timer);
    }

    private static void sweep(SparkSession spark, Retention retention, List<String> outputs) {
        for (String output : outputs) {
            try {
                long deleted = retention.sweep(spark, output, Instant.now());
                if (deleted > 0) {
                    LOG.info("retention: {} old files deleted from {} ({})", deleted, output, retention);
                }
            } catch (RuntimeException e) {
                LOG.warn("retention: cannot sweep {} now, trying again in {} min: {}", output, EVERY.toMinutes(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
