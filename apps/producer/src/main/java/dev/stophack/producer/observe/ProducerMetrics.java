package dev.stophack.producer.observe;

import dev.stophack.api.events.EventKind;
import dev.stophack.producer.source.SkipReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the producer counts, as Micrometer meters tagged with the event kind. Acknowledgements
 * arrive on Kafka's I/O thread at up to millions per second, so they go to {@link LongAdder}s
 * that the registry reads when scraped.
 */
public final class ProducerMetrics {
    private final LongAdder sent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final Counter cycles;
    private final Counter lateHeld;
    private final MeterRegistry registry;
    private final String kind;

    public ProducerMetrics(MeterRegistry registry, EventKind kind) {
        this(registry, kind.id());
    }

    /** Meters tagged with {@code kind}: an event kind, or {@code weblog} for access-log lines. */
    public ProducerMetrics(MeterRegistry registry, String kind) {
        this.registry = registry;
        this.kind = kind;
        FunctionCounter.builder("stophack.producer.events.sent", sent, LongAdder::sum)
                .description("Events the broker acknowledged").tag("kind", this.kind).register(registry);
        FunctionCounter.builder("stophack.producer.send.errors", errors, LongAdder::sum)
                .description("Events that could not be delivered").tag("kind", this.kind).register(registry);
        Gauge.builder("stophack.producer.late.rows.held", held, AtomicLong::get)
                .description("Rows held back now, to be sent late with the next cycle").tag("kind", this.kind).register(registry);
        lateHeld = Counter.builder("stophack.producer.late.rows")
                .description("Rows held back for the next cycle, in total").tag("kind", this.kind).register(registry);
        Gauge.builder("stophack.producer.cycle.lag", lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("How late the last cycle started against its schedule").tag("kind", this.kind).register(registry);
        cycles = Counter.builder("stophack.producer.cycles")
                .description("Schedule cycles run").tag("kind", this.kind).register(registry);
    }

    /** An acknowledged event (any thread). */
    public void acknowledged() {
        sent.increment();
    }

    /** An event that failed for good (any thread). */
    public void failed() {
        errors.increment();
    }

    /** A cycle has been handed to Kafka: its lag, how many rows it holds back, how many are held now. */
    public void cycle(long lag, int heldThisCycle, int heldNow) {
        cycles.increment();
        lagMillis.set(lag);
        lateHeld.increment(heldThisCycle);
        held.set(heldNow);
    }

    /** Rows held back now, outside a cycle (the held rows were sent at a stop). */
    public void heldNow(int rows) {
        held.set(rows);
    }

    /** Rows left out of the CSV, by reason. */
    public void skipped(Map<SkipReason, Long> skipped) {
        for (SkipReason reason : SkipReason.values()) {
            Counter.builder("stophack.producer.rows.skipped").description("CSV rows left out, by reason")
                    .tag("kind", kind).tag("reason", reason.label()).register(registry)
                    .increment(skipped.getOrDefault(reason, 0L));
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long errors() {
        return errors.sum();
    }
}
