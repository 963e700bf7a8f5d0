package dev.stophack.consumer.testing;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends records exactly as given (any key, any bytes), the way a careless or hostile producer might. */
public final class RawRecords implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    public RawRecords(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p);
    }

    /** Sends {@code value} keyed {@code key} (null: no key); {@code timestamp} null lets the producer stamp it. */
    public void send(String topic, String key, byte[] value, Long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key == null ? null : bytes(key), value));
    }

    public void send(String topic, String key, String value) {
        send(topic, key, bytes(value), null);
    }

    public void flush() {
        producer.flush();
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
