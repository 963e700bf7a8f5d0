package dev.stophack.streaming.run;

import dev.stophack.streaming.metrics.StreamMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the job's queries running. A query that fails (S3 or Kafka away, a broken batch) is
 * started again from its checkpoint after a {@link Backoff}; nothing is lost, because a batch only
 * counts once its outputs and offsets are committed. Queries run in stages: a stage starts when
 * the one before has finished, which only happens with {@code Trigger.AvailableNow} (ingest must
 * have published everything before the window and join queries read it).
 */
public final class QuerySupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuerySupervisor.class);
    private static final long TICK_MS = 250;

    private final StreamMetrics metrics;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private volatile boolean stopping;

    private static final class Entry {
        final ManagedQuery query;
        final Backoff backoff;
        StreamingQuery running;
        long startAt;
        boolean finished;

        Entry(ManagedQuery query, Backoff backoff) {
            this.query = query;
            this.backoff = backoff;
        }
    }

    public QuerySupervisor(StreamMetrics metrics, Duration firstRetry, Duration maxRetry) {
        this.metrics = metrics;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
    }

    /**
     * Runs {@code stages} one after the other; returns when every query finished (AvailableNow) or
     * {@link #close()} was called. A query that never finishes keeps this running.
     */
    public void run(List<List<ManagedQuery>> stages) throws InterruptedException {
        for (List<ManagedQuery> stage : stages) {
            List<Entry> current = new ArrayList<>();
            synchronized (this) {
                for (ManagedQuery q : stage) {
                    Entry e = new Entry(q, new Backoff(firstRetry, maxRetry));
                    entries.put(q.name(), e);
                    current.add(e);
                }
            }
            while (!stopping && !current.stream().allMatch(e -> e.finished)) {
                for (Entry e : current) {
                    tend(e);
                }
                Thread.sleep(TICK_MS);
            }
            if (stopping) {
                return;
            }
        }
    }

    private void tend(Entry e) {
        synchronized (this) {
            if (e.finished || stopping) {
                return;
            }
            if (e.running != null) {
                check(e);
                return;
            }
            if (System.currentTimeMillis() < e.startAt) {
                return;
            }
        }
        // Starting takes seconds (a checkpoint to read, a plan to analyse): outside the lock, so that
        // /healthz answers meanwhile and close() is not held up by it
        StreamingQuery started;
        try {
            started = e.query.starter().get();
        } catch (Exception ex) { // Spark may throw undeclared IOExceptions (a checkpoint it cannot read)
            synchronized (this) {
                retryLater(e, ex);
            }
            return;
        }
        synchronized (this) {
            e.running = started;
        }
        LOG.info("query {} started (run {})", e.query.name(), started.runId());
        if (stopping) { // close() ran while it started and could not see it
            stopQuietly(started);
        }
    }

    private void check(Entry e) {
        if (e.running.isActive()) {
            return;
        }
        StreamingQueryException failure = e.running.exception().isDefined() ? e.running.exception().get() : null;
        if (failure == null) {
            e.finished = true;
            LOG.info("query {} finished", e.query.name());
        } else {
            e.running = null;
            metrics.queryRestarted(e.query.name());
            retryLater(e, failure);
        }
    }

    private void retryLater(Entry e, Throwable failure) {
        Duration wait = e.backoff.next();
        e.startAt = System.currentTimeMillis() + wait.toMillis();
        LOG.error("query {} failed ({}); restarting from its checkpoint in {} s (attempt {})", e.query.name(),
                summary(failure), wait.toSeconds(), e.backoff.failures());
    }

    /**
     * Whether no query is waiting for a restart: each is running, finished, or still starting for
     * the first time (a job that is coming up is not down).
     */
    public synchronized boolean healthy() {
        return entries.values().stream().allMatch(e -> e.finished || e.running != null && e.running.isActive()
                || e.running == null && e.backoff.failures() == 0);
    }

    /** Called when {@code query} completed a micro-batch: its next failure waits the shortest time again. */
    public synchronized void progressed(String query) {
        Entry e = entries.get(query);
        if (e != null) {
            e.backoff.reset();
        }
    }

    /** Stops every running query (a batch in flight is abandoned and replayed at the next start). */
    @Override
    public void close() {
        stopping = true;
        List<StreamingQuery> running = new ArrayList<>();
        synchronized (this) {
            for (Entry e : entries.values()) {
                if (e.running != null) {
                    running.add(e.running);
                }
            }
        }
        for (StreamingQuery q : running) {
            stopQuietly(q);
        }
    }

    private static void stopQuietly(StreamingQuery q) {
        try {
            q.stop();
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("query {} did not stop cleanly: {}", q.name(), e.toString());
        }
    }

    private static String summary(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": "
                + root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
