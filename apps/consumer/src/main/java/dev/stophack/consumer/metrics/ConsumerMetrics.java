package dev.stophack.consumer.metrics;

import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.live.TopicStats;
import dev.stophack.consumer.window.AttackCount;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's Prometheus metrics. Values are copied from a {@link Snapshot} right before
 * each scrape, so one scrape shows one consistent moment and the Kafka thread never touches a
 * meter. Meters for a machine, topic or skip reason appear when it is first seen; a machine's
 * go again when no chart shows it any more.
 */
public final class ConsumerMetrics {
    private static final List<String> PER_MACHINE = List.of("stophack_consumer_process_cycle_rows",
            "stophack_consumer_memory_window_rows", "stophack_consumer_potential_attacks");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Map<Tags, Held>> values = new HashMap<>();
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
        Gauge.builder("stophack_consumer_running", status, st -> st.running() ? 1 : 0)
                .description("1 while the Kafka consumer thread polls, 0 while it waits to be restarted or has stopped")
                .register(registry);
        FunctionCounter.builder("stophack_consumer_restarts", status, ConsumerStatus::restarts)
                .description("Restarts of the Kafka consumer thread after a failure")
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
        gauge("stophack_consumer_machines_tracked", "Machines whose counts are kept", Tags.empty())
                .set(s.machines().tracked());
        gauge("stophack_consumer_machines_max", "Machines tracked at most (--max-machines)", Tags.empty())
                .set(s.machines().max());
        gauge("stophack_consumer_machines_untracked",
                "Machines whose rows were refused over the limit within the history (a lower bound past 10000)",
                Tags.empty()).set(s.machines().untracked());
        status.lagByTopic().forEach((topic, lag) -> gauge("stophack_consumer_lag_records",
                "Records not yet read, as of the last fetch", Tags.of("topic", topic)).set(lag));
        // a machine no chart shows any more is no longer tracked: its meters go, so they stay bounded too
        Set<String> shown = new HashSet<>();
        shown.addAll(s.process().lines().keySet());
        shown.addAll(s.memory().lines().keySet());
        shown.addAll(s.attacks().lines().keySet());
        PER_MACHINE.forEach(name -> forgetMachinesBut(name, shown));
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

    /** Removes the meters of {@code name} whose machine is not in {@code machines}. */
    private void forgetMachinesBut(String name, Set<String> machines) {
        values.getOrDefault(name, Map.of()).entrySet().removeIf(e -> {
            if (machines.contains(e.getKey().stream().filter(t -> t.getKey().equals("machine"))
                    .findFirst().orElseThrow().getValue())) {
                return false;
            }
            registry.remove(e.getValue().meter());
            return true;
        });
    }

    private void reset(String name) {
        values.getOrDefault(name, Map.of()).values().forEach(h -> h.value().set(0));
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
        return values.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(tags, k -> {
            AtomicLong v = new AtomicLong();
            return new Held(v, Gauge.builder(name, v, AtomicLong::get).description(description).tags(tags)
                    .register(registry));
        }).value();
    }

    private AtomicLong counter(String name, String description, Tags tags) {
        return values.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(tags, k -> {
            AtomicLong v = new AtomicLong();
            return new Held(v, FunctionCounter.builder(name, v, AtomicLong::get).description(description).tags(tags)
                    .register(registry));
        }).value();
    }

    /** A meter and the value it reads. */
    private record Held(AtomicLong value, Meter meter) {
    }
}
