package dev.stophack.producer.kafka;

import dev.stophack.events.EventEncoder;
import dev.stophack.producer.encode.ReplayEncoder;
import dev.stophack.producer.observe.ProducerMetrics;
import dev.stophack.producer.run.EventSink;
import dev.stophack.producer.source.MachineRows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rows to one Kafka topic: key = machine id, value = the event JSON of the contract
 * ({@link EventEncoder}, through a {@link ReplayEncoder} since rows are sent again and again), plus a {@value #CYCLE_HEADER} header on scheduled events saying which
 * cycle they left in (for tracing; consumers need not read it). Acknowledgements and failures
 * are counted in {@link ProducerMetrics}. Kafka refusing the producer (authentication or
 * authorization) is not counted and retried but thrown by the next call: no retry can fix it.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    /** Header carrying the schedule cycle number, decimal ASCII. */
    public static final String CYCLE_HEADER = "stophack-cycle";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final ReplayEncoder encoder;
    /** Per machine: its key bytes and its rows' JSON, found with one identity lookup per event. */
    private final Map<MachineRows, Machine> machines = new IdentityHashMap<>();
    private final Acknowledgements acks;

    public KafkaEventSink(Producer<byte[], byte[]> producer, String topic, EventEncoder encoder, ProducerMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.encoder = new ReplayEncoder(encoder);
        this.acks = new Acknowledgements(metrics, topic);
    }

    /**
     * Fetches the topic's metadata before the first cycle, so that the first cycle is not late
     * waiting for it; false if Kafka did not answer in time, which is not fatal: sends wait and retry.
     * Kafka refusing the producer is thrown.
     */
    public boolean awaitTopic() {
        try {
            int partitions = producer.partitionsFor(topic).size();
            LOG.info("topic {} has {} partitions", topic, partitions);
            return true;
        } catch (AuthenticationException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("no metadata for topic {} yet ({}); sending anyway, Kafka will be retried", topic, e.getMessage());
            return false;
        }
    }

    @Override
    public void send(MachineRows machine, int row, long ts, long cycle) {
        acks.throwIfRefused();
        Machine m = machines.get(machine);
        if (m == null) {
            m = new Machine(machine.machine().getBytes(StandardCharsets.UTF_8), encoder.of(machine));
            machines.put(machine, m);
        }
        RecordHeaders headers = cycle > 0
                ? new RecordHeaders(new Header[] {new RecordHeader(CYCLE_HEADER, Long.toString(cycle).getBytes(StandardCharsets.US_ASCII))})
                : null;
        // a failure the producer can report (e.g. no metadata in time) reaches the callback
        producer.send(new ProducerRecord<>(topic, null, null, m.key(), m.rows().encode(row, ts), headers), acks);
    }

    @Override
    public void flush() {
        producer.flush();
        acks.throwIfRefused();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private record Machine(byte[] key, ReplayEncoder.Rows rows) {
    }

    /** One callback for every record (no allocation per send): counts, and logs the first failures. */
    private static final class Acknowledgements implements Callback {
        private static final int LOGGED = 10;
        private final ProducerMetrics metrics;
        private final String topic;
        private volatile KafkaException refused;

        Acknowledgements(ProducerMetrics metrics, String topic) {
            this.metrics = metrics;
            this.topic = topic;
        }

        void throwIfRefused() {
            KafkaException e = refused;
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                metrics.acknowledged();
                return;
            }
            if (exception instanceof AuthenticationException || exception instanceof AuthorizationException) {
                refused = (KafkaException) exception;
            }
            metrics.failed();
            long failures = metrics.errors();
            if (failures <= LOGGED || Long.bitCount(failures) == 1) {
                LOG.error("event not delivered to {} (failure #{}): {}", topic, failures, exception.toString());
            }
        }
    }
}
