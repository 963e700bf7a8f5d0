package dev.stophack.streaming.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record the job publishes on {@code stream-status}, as it arrives, with its Kafka
 * timestamp: the job sends a batch's record right after the batch's outputs are committed, so
 * the timestamp is when that batch's events became visible.
 */
final class StatusLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One batch's status and when it was sent (epoch ms). */
    record Entry(long sentMs, StreamStatus status) {
        Integer active(String kind) {
            StreamStatus.KindStatus k = status.kinds().get(kind);
            return k == null ? null : k.activeVersion();
        }

        /** The version {@code kind}'s batch scored in the shadow of the active one; null: none. */
        Integer candidate(String kind) {
            StreamStatus.KindStatus k = status.kinds().get(kind);
            return k == null ? null : k.candidateVersion();
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Thread reader;
    private volatile boolean stopping;

    StatusLog(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int i = 0; i < Topics.DEFAULT_PARTITIONS; i++) {
            partitions.add(new TopicPartition(Topics.STREAM_STATUS, i));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(() -> {
            try (consumer) {
                while (!stopping) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        add(r);
                    }
                }
            }
        }, "status-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void add(ConsumerRecord<String, String> r) {
        try {
            Entry e = new Entry(r.timestamp(), JSON.readValue(r.value(), StreamStatus.class));
            synchronized (this) {
                entries.add(e);
            }
        } catch (IOException ex) {
            throw new IllegalStateException("not a status record: " + r.value(), ex);
        }
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** The first entry sent at or after {@code fromMs} that matches. */
    synchronized Optional<Entry> first(long fromMs, Predicate<Entry> matching) {
        return entries.stream().filter(e -> e.sentMs() >= fromMs && matching.test(e)).findFirst();
    }

    /** The last entry sent before {@code beforeMs}. */
    synchronized Optional<Entry> last(long beforeMs) {
        return entries.stream().filter(e -> e.sentMs() < beforeMs).reduce((a, b) -> b);
    }

    /** Events of both kinds the batches read, each batch once (a replayed batch sends its status again). */
    synchronized long events() {
        Map<Long, Long> byBatch = new HashMap<>();
        for (Entry e : entries) {
            byBatch.put(e.status().batchId(), e.status().kinds().values().stream()
                    .mapToLong(StreamStatus.KindStatus::events).sum());
        }
        return byBatch.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The longest time between two consecutive entries sent within [fromMs, toMs]. */
    synchronized long longestGap(long fromMs, long toMs) {
        long gap = 0;
        Long previous = null;
        for (Entry e : entries) {
            if (e.sentMs() < fromMs || e.sentMs() > toMs) {
                continue;
            }
            if (previous != null) {
                gap = Math.max(gap, e.sentMs() - previous);
            }
            previous = e.sentMs();
        }
        return gap;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        reader.join();
    }
}
