package dev.stophack.streaming.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.DetectedAttack;
import dev.stophack.api.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every detected attack on the {@code attacks} topic as it arrives, each once (the topic is at
 * least once), with the Kafka timestamp of its first record: when it was published.
 */
final class AttacksLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<AttackKey, Long> firstPublished = new HashMap<>();
    private final Thread reader;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    AttacksLog(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "attacks-log-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(java.util.List.of(Topics.ATTACKS));
        reader = new Thread(() -> {
            try (consumer) {
                while (!stopping) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        add(r);
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "attacks-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void add(ConsumerRecord<String, String> r) {
        try {
            DetectedAttack a = JSON.readValue(r.value(), DetectedAttack.class);
            AttackKey key = AttackKey.of(a.machine, a.cmdPid, a.processEventTime, a.memoryEventTime);
            synchronized (this) {
                firstPublished.merge(key, r.timestamp(), Math::min);
            }
        } catch (IOException e) {
            throw new IllegalStateException("not a detected attack: " + r.value(), e);
        }
    }

    /** Each attack once, with the Kafka timestamp of its first record (epoch ms). */
    synchronized Map<AttackKey, Long> published() {
        if (failure != null) {
            throw new IllegalStateException("the attacks topic could not be read", failure);
        }
        return new HashMap<>(firstPublished);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        reader.join();
    }
}
