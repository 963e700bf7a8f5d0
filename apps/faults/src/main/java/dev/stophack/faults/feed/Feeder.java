package dev.stophack.faults.feed;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A deterministic producer: records go out in the order given, idempotent and acknowledged by
 * all replicas, and each acknowledgement is written down in {@link Produced}. It rides out a
 * broker that is away for minutes (the delivery timeout is ten), as a producer must for the
 * broker fault to be the streaming job's and not the feed's.
 */
public final class Feeder implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Produced produced;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public Feeder(String bootstrap, Produced produced) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.produced = produced;
    }

    /**
     * Waits until every partition of {@code topics} has a leader: Kafka 3.9.1 can lose the first
     * batch sent to a partition that is not ready yet despite idempotence (KAFKA-15591).
     */
    public Feeder awaitLeaders(List<String> topics) throws InterruptedException {
        for (String topic : topics) {
            for (int i = 0; ; i++) {
                List<PartitionInfo> parts = producer.partitionsFor(topic);
                if (!parts.isEmpty() && parts.stream().allMatch(pi -> pi.leader() != null && !pi.leader().isEmpty())) {
                    break;
                }
                if (i > 600) {
                    throw new IllegalStateException("no leader for every partition of " + topic + " after a minute");
                }
                Thread.sleep(100);
            }
        }
        return this;
    }

    /** Sends one record; {@code bad} marks a record the job must dead-letter. */
    public void send(String topic, String key, byte[] value, boolean bad) {
        producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            } else {
                produced.add(topic, meta.partition(), meta.offset(), bad);
            }
        });
    }

    /** Waits for every acknowledgement so far. */
    public void flush() {
        producer.flush();
    }

    /** Records the broker never acknowledged (not counted as produced). */
    public long failed() {
        return failed.get();
    }

    public Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
