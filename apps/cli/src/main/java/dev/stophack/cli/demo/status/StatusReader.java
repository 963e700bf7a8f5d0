package dev.stophack.cli.demo.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes one {@link DemoStatus} reading: the producers' {@code /metrics}; Kafka for the attacks and
 * for what the streaming job persisted and dead-lettered (its {@code stream-status} records),
 * with the job's {@code /metrics} until its first record. Metric names are the parts' own
 * (ProducerMetrics, StreamMetrics).
 */
public final class StatusReader implements AutoCloseable {
    static final String PRODUCED = "stophack_producer_events_sent_total";
    static final String PERSISTED = "stophack_stream_events_total";
    static final String DEAD_LETTERS = "stophack_stream_dead_letters_total";
    static final String MODEL_VERSION = "stophack_stream_model_version";
    static final String INGEST_ROWS = "stophack_stream_input_rows_total";

    private final MetricsScrape scrape = new MetricsScrape();
    private final List<Integer> producerPorts;
    private final int streamPort;
    private final KafkaTally attacks;

    public StatusReader(List<Integer> producerPorts, int streamPort, KafkaTally attacks) {
        this.producerPorts = producerPorts;
        this.streamPort = streamPort;
        this.attacks = attacks;
    }

    public DemoStatus read() {
        return read(scrape.read(streamPort));
    }

    /** Rows the streaming job's ingest has read since it started; empty while it does not answer. */
    public Optional<Long> ingestedRows() {
        return scrape.read(streamPort).map(m -> m.byLabel(INGEST_ROWS, "query").getOrDefault("ingest", 0.0))
                .map(Double::longValue);
    }

    private DemoStatus read(Optional<PrometheusText> stream) {
        Long produced = null;
        for (int port : producerPorts) {
            Optional<Double> sent = scrape.read(port).map(m -> m.sum(PRODUCED)).filter(v -> v != null);
            if (sent.isPresent()) {
                produced = (produced == null ? 0 : produced) + sent.get().longValue();
            }
        }
        Long potential = null;
        Long detected = null;
        boolean batches = false;
        try {
            if (attacks.update()) {
                potential = attacks.potential();
                detected = attacks.detected();
                batches = attacks.hasBatches();
            }
        } catch (RuntimeException e) {
            // Kafka away for a moment (or stopping): the Kafka figures show as unknown this time
        }
        Long persisted;
        Long dead;
        Map<String, Integer> models = new HashMap<>();
        if (batches) {
            // the job's stream-status records: every run's batches, and the models each batch used
            persisted = attacks.persisted();
            dead = attacks.deadLetters();
            models.putAll(attacks.models());
        } else {
            // before the first record: the job's /metrics (an answering job without a series has counted none)
            persisted = stream.map(m -> count(m, PERSISTED)).orElse(null);
            dead = stream.map(m -> count(m, DEAD_LETTERS)).orElse(null);
            stream.ifPresent(m -> m.byLabel(MODEL_VERSION, "kind").forEach((kind, v) -> models.put(kind, v.intValue())));
        }
        return new DemoStatus(produced, persisted, dead, potential, detected, models);
    }

    static long count(PrometheusText metrics, String name) {
        Double sum = metrics.sum(name);
        return sum == null ? 0 : sum.longValue();
    }

    @Override
    public void close() {
        attacks.close();
    }
}
