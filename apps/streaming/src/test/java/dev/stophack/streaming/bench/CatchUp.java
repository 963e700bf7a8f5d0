package dev.stophack.streaming.bench;

import dev.stophack.streaming.StreamJob;
import dev.stophack.streaming.metrics.StreamMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Catch-up after an outage: hours of events at the producers' schedule put on the topics while
 * the job is down, then the job started as deployed (5 s trigger, 500,000 records per batch);
 * timed from the session's creation until the window and join queries have committed the batch
 * at the backlog's last watermark.
 */
final class CatchUp {
    /** The windows' and the join's watermark delay (docs/streaming.md, "Event time"). */
    static final long WATERMARK_DELAY_MS = 20_000;
    static final List<String> QUERIES = List.of(StreamJob.POTENTIAL, StreamJob.COUNTS, StreamJob.DETECTED);

    /** The time until caught up, or the time waited when it was not (then {@code caughtUp} is false). */
    record Result(int hours, long events, double seconds, boolean caughtUp) {
    }

    private CatchUp() {
    }

    static Result measure(StreamingBenchmark bench, Path work, int hours, Duration deadline) throws Exception {
        try (StreamServices services = bench.services(work)) {
            long until = StreamingBenchmark.START + hours * 3600L;
            long t0 = System.nanoTime();
            StreamingBenchmark.Prefilled backlog = StreamingBenchmark.prefill(services, work, Long.MAX_VALUE, until);
            System.out.printf("%ncatch-up of %d h: %,d events of event time %s to %s put on the topics in %.1f s%n", hours,
                    backlog.events(), Instant.ofEpochSecond(StreamingBenchmark.START), Instant.ofEpochSecond(backlog.lastTs()),
                    (System.nanoTime() - t0) / 1e9);
            bench.activateModels(services);
            CatchUpProgress progress = new CatchUpProgress(CatchUpProgress.target(backlog.slowerLastTs(), WATERMARK_DELAY_MS),
                    QUERIES);
            long start = System.nanoTime();
            SparkSession spark = StreamingBenchmark.session(services);
            Listener listener = new Listener(progress, start);
            spark.streams().addListener(listener);
            try (StreamJob job = new StreamJob(spark, StreamingBenchmark.deployedSettings(services, ""),
                    StreamingBenchmark.store(services), new StreamMetrics()).start()) {
                long end = start + deadline.toNanos();
                while (!progress.done() && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
            } finally {
                spark.streams().removeListener(listener);
            }
            OptionalLong at = progress.allReachedAt();
            double seconds = ((at.isPresent() ? at.getAsLong() : System.nanoTime()) - start) / 1e9;
            for (String q : QUERIES) {
                OptionalLong reached = progress.reachedAt(q);
                System.out.printf("  %-18s %s; at most %,d state rows%n", q, reached.isPresent()
                        ? String.format(java.util.Locale.ROOT, "at the backlog's last watermark after %.1f s",
                                (reached.getAsLong() - start) / 1e9)
                        : "did not reach the backlog's last watermark", progress.maxStateRows(q));
            }
            System.out.printf("  caught up: %s after %.1f s (from the session's creation)%n", at.isPresent() ? "yes" : "NO",
                    seconds);
            return new Result(hours, backlog.events(), seconds, at.isPresent());
        }
    }

    /** Feeds every query's progress to the catch-up progress, printing the stateful queries' batches. */
    private static final class Listener extends StreamingQueryListener {
        private final CatchUpProgress progress;
        private final long start;

        Listener(CatchUpProgress progress, long start) {
            this.progress = progress;
            this.start = start;
        }

        @Override
        public void onQueryStarted(QueryStartedEvent e) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent e) {
            long now = System.nanoTime();
            StreamingQueryProgress p = e.progress();
            String w = p.eventTime().get("watermark");
            Long watermark = w == null ? null : Instant.parse(w).toEpochMilli();
            long rows = 0;
            for (StateOperatorProgress s : p.stateOperators()) {
                rows += s.numRowsTotal();
            }
            progress.batch(p.name(), watermark, rows, now);
            System.out.printf("  %6.1f s  %-18s batch %d: %,d rows in %,d ms, watermark %s, %,d state rows%n",
                    (now - start) / 1e9, p.name(), p.batchId(), p.numInputRows(), p.batchDuration(), w, rows);
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent e) {
        }
    }
}
