package dev.stophack.controller.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The controller's {@code /metrics}: decisions by outcome, time from a new version to active, failures. */
public final class ControllerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

    public void decision(String model, String action) {
        Counter.builder("stophack_rollout_decisions").description("Rollout decisions written, by model and action")
                .tag("model", model).tag("action", action.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    public void timeToActive(String model, Duration d) {
        Timer.builder("stophack_rollout_time_to_active").description("From a version's training to its promotion")
                .tag("model", model).register(registry).record(d);
    }

    public void activeVersion(String model, int version) {
        active.computeIfAbsent(model, m -> registry.gauge("stophack_rollout_active_version",
                java.util.List.of(io.micrometer.core.instrument.Tag.of("model", m)), new AtomicInteger())).set(version);
    }

    public void failure(String reason) {
        Counter.builder("stophack_rollout_reconcile_failures").description("Reconciles that could not finish, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
