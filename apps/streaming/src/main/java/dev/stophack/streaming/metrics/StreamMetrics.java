package dev.stophack.streaming.metrics;

import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.parse.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The streaming job's own Prometheus metrics (Spark's servlet adds its internals): per query the
 * last batch's input rows, rows/s, duration, state-store rows and late rows; dead letters per
 * reason; events per kind; the model version in use per kind, switches and refusals; the
 * candidate in shadow, the events it scored and how many it predicted differently; restarts.
 */
public final class StreamMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, QueryGauges> queries = new ConcurrentHashMap<>();
    private final Map<EventKind, AtomicLong> modelVersions = new ConcurrentHashMap<>();
    private final Map<EventKind, AtomicLong> candidateVersions = new ConcurrentHashMap<>();

    /** Gauges of one query's latest micro-batch. */
    private final class QueryGauges {
        final AtomicLong inputRows = new AtomicLong();
        final AtomicLong rowsPerSecond = new AtomicLong();
        final AtomicLong durationMs = new AtomicLong();
        final AtomicLong stateRows = new AtomicLong();
        final AtomicLong batchId = new AtomicLong(-1);
        final Counter rows;
        final Counter lateRows;

        QueryGauges(String query) {
            gauge("stophack_stream_batch_input_rows", query, inputRows, "input rows of the latest micro-batch");
            gauge("stophack_stream_batch_rows_per_second", query, rowsPerSecond, "rows/s of the latest micro-batch");
            gauge("stophack_stream_batch_duration_ms", query, durationMs, "duration of the latest micro-batch");
            gauge("stophack_stream_state_rows", query, stateRows, "rows in the query's state stores");
            gauge("stophack_stream_batch_id", query, batchId, "id of the latest micro-batch");
            rows = Counter.builder("stophack_stream_input_rows").tag("query", query)
                    .description("rows read by the query").register(registry);
            lateRows = Counter.builder("stophack_stream_late_rows").tag("query", query)
                    .description("rows older than the watermark, left out of windows and joins").register(registry);
        }

        private void gauge(String name, String query, AtomicLong value, String description) {
            Gauge.builder(name, value, AtomicLong::get).tag("query", query).description(description).register(registry);
        }
    }

    /** Records one finished micro-batch of {@code query}. */
    public void batch(String query, long batchId, long inputRows, double rowsPerSecond, long durationMs,
            long stateRows, long lateRows) {
        QueryGauges g = queries.computeIfAbsent(query, QueryGauges::new);
        g.batchId.set(batchId);
        g.inputRows.set(inputRows);
        g.rowsPerSecond.set(Math.round(rowsPerSecond));
        g.durationMs.set(durationMs);
        g.stateRows.set(stateRows);
        g.rows.increment(inputRows);
        g.lateRows.increment(lateRows);
    }

    public void events(EventKind kind, long n) {
        counter("stophack_stream_events", "kind", kind.id(), "readable events parsed").increment(n);
    }

    public void deadLetters(DeadLetterReason reason, long n) {
        counter("stophack_stream_dead_letters", "reason", reason.code(), "records sent to the dead-letter outputs")
                .increment(n);
    }

    /** The version scoring {@code kind} now, or 0 when there is no usable model. */
    public void modelVersion(EventKind kind, int version) {
        modelVersions.computeIfAbsent(kind, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("stophack_stream_model_version", v, AtomicLong::get).tag("kind", k.id())
                    .description("model version in use (0: none, events are persisted unscored)").register(registry);
            return v;
        }).set(version);
    }

    /** The version scored in the shadow of {@code kind}'s model now, or 0 when there is none. */
    public void candidateVersion(EventKind kind, int version) {
        candidateVersions.computeIfAbsent(kind, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("stophack_stream_candidate_version", v, AtomicLong::get).tag("kind", k.id())
                    .description("model version scored in shadow (0: none)").register(registry);
            return v;
        }).set(version);
    }

    /** One batch's shadow comparison: {@code scored} events both versions scored, {@code disagreed} predicted differently. */
    public void shadowScored(EventKind kind, long scored, long disagreed) {
        counter("stophack_stream_shadow_events", "kind", kind.id(), "events scored by both the active model and the candidate")
                .increment(scored);
        counter("stophack_stream_shadow_disagreements", "kind", kind.id(),
                "events the candidate predicted differently from the active model").increment(disagreed);
    }

    public void shadowFailed(EventKind kind) {
        counter("stophack_stream_shadow_failures", "kind", kind.id(),
                "candidates refused at load, or batches whose shadow comparison failed (no shadow line)").increment();
    }

    /** A failing batch was replayed with the current model instead of the retired one it was recorded with. */
    public void replayModelSwitched(EventKind kind) {
        counter("stophack_stream_replay_model_switches", "kind", kind.id(),
                "failing batches replayed with the current model instead of a retired one").increment();
    }

    public void modelSwitched(EventKind kind) {
        counter("stophack_stream_model_switches", "kind", kind.id(), "times a newly promoted model was taken").increment();
    }

    public void modelRefused(EventKind kind) {
        counter("stophack_stream_model_refusals", "kind", kind.id(),
                "ACTIVE pointers refused: missing or unloadable model").increment();
    }

    public void queryRestarted(String query) {
        counter("stophack_stream_query_restarts", "query", query, "restarts of a failed query").increment();
    }

    /** Current value of a counter, for tests and the end-of-run summary. */
    public double count(String name, String tag, String value) {
        Counter c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    /** The registry, for the meters of other parts of the job (the web access-log queries). */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "|" + value, (Function<String, Counter>) k ->
                Counter.builder(name).tag(tag, value).description(description).register(registry));
    }
}
