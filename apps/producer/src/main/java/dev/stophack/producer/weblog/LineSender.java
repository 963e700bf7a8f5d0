package dev.stophack.producer.weblog;

import dev.stophack.producer.observe.ProducerMetrics;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends access-log lines to a topic as written: value = the line's bytes, key = its first field,
 * the client host, so that one host's lines stay in order on one partition. A line whose first
 * field is not followed by a space within {@value #MAX_KEY} bytes goes without a key; the
 * streaming job dead-letters it. Acknowledgements and failures are counted.
 */
final class LineSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineSender.class);
    static final int MAX_KEY = 256;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Callback acks;

    LineSender(Producer<byte[], byte[]> producer, String topic, ProducerMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.acks = new Acknowledgements(metrics, topic);
    }

    void send(byte[] line, int length) {
        producer.send(new ProducerRecord<>(topic, key(line, length), Arrays.copyOf(line, length)), acks);
    }

    /** The host: the bytes before the first space, or null. */
    static byte[] key(byte[] line, int length) {
        int n = Math.min(length, MAX_KEY + 1);
        for (int i = 0; i < n; i++) {
            if (line[i] == ' ') {
                return i == 0 ? null : Arrays.copyOf(line, i);
            }
        }
        return null;
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** One callback for every record: counts, and logs the first failures. */
    private record Acknowledgements(ProducerMetrics metrics, String topic) implements Callback {
        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                metrics.acknowledged();
                return;
            }
            metrics.failed();
            long failures = metrics.errors();
            if (failures <= 10 || Long.bitCount(failures) == 1) {
                LOG.error("line not delivered to {} (failure #{}): {}", topic, failures, exception.toString());
            }
        }
    }
}
