package dev.stophack.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records the streaming job cannot read, put onto the demo's topics while it runs, each with the
 * reason code it must be dead-lettered with (docs/streaming.md, Dead letters).
 */
final class Malformed {
    record Bad(String topic, String code, byte[] value) {
    }

    private static final long NOW = Instant.now().getEpochSecond();
    /** A memory event whose CMD is far beyond the job's limit: dead-lettered whole, its text cut. */
    private static final byte[] OVERSIZED = ("{\"machine\":5,\"PID\":424243,\"ts\":" + NOW + ",\"CMD\":\""
            + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    static final int OVERSIZED_BYTES = OVERSIZED.length;

    static final List<Bad> RECORDS = List.of(
            new Bad("process", "not-json", "not json{".getBytes(StandardCharsets.UTF_8)),
            new Bad("process", "wrong-type", utf8("{\"machine\":4,\"PID\":424242,\"ts\":" + NOW + ",\"CMD\":{\"name\":\"sh\"}}")),
            new Bad("process", "not-a-number", utf8("{\"machine\":\"four\",\"PID\":424242,\"ts\":" + NOW + "}")),
            new Bad("memory", "too-long", OVERSIZED),
            new Bad("memory", "not-an-object", utf8("[1,2,3]")));

    private Malformed() {
    }

    /** Sends every record to the broker at {@code bootstrap} and waits until Kafka has acknowledged each. */
    static void send(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Bad bad : RECORDS) {
                producer.send(new ProducerRecord<>(bad.topic(), bad.value())).get();
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
