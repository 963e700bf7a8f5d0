package dev.stophack.streaming.weblog;

import dev.stophack.streaming.weblog.parse.LineReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web access-log queries' own metrics, on the job's registry (so on its {@code /metrics}):
 * lines read, dead letters per reason, blocklist decisions, alerts per kind. The per-query batch
 * metrics come from the job's listener like every query's.
 */
public final class WeblogMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public WeblogMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void lines(long n) {
        counter("stophack_stream_weblog_lines", null, null, "access-log lines read").increment(n);
    }

    public void deadLetters(LineReason reason, long n) {
        counter("stophack_stream_weblog_dead_letters", "reason", reason.code(), "access-log lines dead-lettered").increment(n);
    }

    public void decisions(long n) {
        counter("stophack_stream_weblog_blocklist_decisions", null, null, "rate-limiter decisions published").increment(n);
    }

    public void alerts(String kind, long n) {
        counter("stophack_stream_weblog_alerts", "kind", kind, "error-surge and URL-busting alerts published").increment(n);
    }

    /**
     * Lines a detector left out as late: {@code stophack_stream_late_rows}, as Spark's stateful
     * queries count theirs, under the detector's name.
     */
    public void lateLines(String detector, long n) {
        if (n > 0) {
            counter("stophack_stream_late_rows", "query", detector, "rows older than the watermark, left out of windows and joins")
                    .increment(n);
        }
    }

    /** Current value of a counter, for tests. */
    public double count(String name, String tag, String value) {
        Counter c = tag == null ? registry.find(name).counter() : registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "|" + value, k -> {
            Counter.Builder b = Counter.builder(name).description(description);
            if (tag != null) {
                b.tag(tag, value);
            }
            return b.register(registry);
        });
    }
}
