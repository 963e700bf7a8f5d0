package dev.stophack.producer.kafka;

import dev.stophack.config.KafkaConnection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer configuration stophack sends events with, in one place so that the benchmark's
 * reference loops use exactly the same: idempotent with {@code acks=all} and unbounded retries
 * (a broker restart neither loses nor duplicates an event), lz4-compressed, batched.
 */
public final class ProducerSettings {
    /** How long an event may wait for a broker before it counts as failed: rides out a broker restart or pod move. */
    public static final int DELIVERY_TIMEOUT_MS = 300_000;
    public static final int LINGER_MS = 5;
    public static final int BATCH_BYTES = 128 * 1024;

    private ProducerSettings() {
    }

    /** Settings for a plaintext broker at {@code bootstrap} (benchmarks). */
    public static Map<String, Object> reliable(String bootstrap, String clientId) {
        return reliable(KafkaConnection.plaintext(bootstrap), clientId);
    }

    /** Settings for {@code kafka}; {@code clientId} names the producer in broker logs and metrics. */
    public static Map<String, Object> reliable(KafkaConnection kafka, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // the most idempotence keeps in order
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        Map<String, Object> all = kafka.overlay(p);
        all.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        all.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return all;
    }
}
