package dev.stophack.consumer.metrics;

import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.live.TopicStats;
import dev.stophack.consumer.window.AttackCount;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's Prometheus metrics. Values are copied from a {@link Snapshot} right before
 * each scrape, so one scrape shows one consistent moment and the Kafka thread never touches a
 * meter. Meters for a machine, topic or skip reason appear when it is first seen.
 */
public final class ConsumerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Map<Tags, AtomicLong>> values = new HashMap<>();
    private final ConsumerStatus status;

    public ConsumerMetrics(ConsumerStatus status) {
        this.status = status;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("stophack_consumer_assigned_partitions", status, ConsumerStatus::assignedPartitions)
                .description("Partitions of process, memory and attack-counts assigned to this consumer")
                .register(registry);
    }

    /** The Prometheus text exposition of every meter, as of {@code snapshot}. */
    public synchronized String scrape(Snapshot snapshot) {
        update(snapshot);
        return registry.scrape();
    }

    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private void update(Snapshot s) {
        s.topics().forEach((topic, stats) -> topic(topic, stats, s.at()));
        status.lagByTopic().forEach((topic, lag) -> gauge("stophack_consumer_lag_records",
                "Records not yet read, as of the last fetch", Tags.of("topic", topic)).set(lag));
        // a machine missing from the newest cycle or window had nothing there: 0, not its old value
        reset("stophack_consumer_process_cycle_rows");
        reset("stophack_consumer_memory_window_rows");
        s.newestCycle().forEach((machine, n) -> gauge("stophack_consumer_process_cycle_rows",
                "Process rows of the machine in the newest producer cycle", Tags.of("machine", machine)).set(n));
        s.memoryNow().forEach((machine, n) -> gauge("stophack_consumer_memory_window_rows",
                "Memory rows of the machine that arrived in the sliding window (processing time)",
                Tags.of("machine", machine)).set(n));
        for (Map.Entry<String, AttackCount> e : s.attacksLatest().entrySet()) {
            gauge("stophack_consumer_potential_attacks", "Potential attacks of the machine in its newest window",
                    Tags.of("machine", e.getKey())).set(e.getValue().count());
        }
    }

    private void topic(String topic, TopicStats stats, long now) {
        counter("stophack_consumer_records", "Records counted", Tags.of("topic", topic)).set(stats.counted());
        stats.skipped().forEach((reason, n) -> counter("stophack_consumer_skipped_records",
                "Records not counted, by reason", Tags.of("topic", topic, "reason", reason)).set(n));
        if (stats.lastArrivalMillis() != null) {
            gauge("stophack_consumer_last_record_age_seconds", "Seconds since the topic's newest record arrived",
                    Tags.of("topic", topic)).set((now - stats.lastArrivalMillis()) / 1000);
        }
    }

    private void reset(String name) {
        values.getOrDefault(name, Map.of()).values().forEach(v -> v.set(0));
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
        return values.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(tags, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder(name, v, AtomicLong::get).description(description).tags(tags).register(registry);
            return v;
        });
    }

    private AtomicLong counter(String name, String description, Tags tags) {
        return values.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(tags, k -> {
            AtomicLong v = new AtomicLong();
            FunctionCounter.builder(name, v, AtomicLong::get).description(description).tags(tags).register(registry);
            return v;
        });
    }
}
