package dev.stophack.cli.demo.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.AttackCount;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts what the streaming job has told Kafka: potential attacks from {@code attack-counts}
 * (the job updates a machine's window several times; the last count wins), detected attacks
 * from {@code attacks}, and events persisted and dead-lettered per ingest batch from
 * {@code stream-status} (a replayed batch publishes again: the newest record of a batch id
 * counts), all from the start of the topics, so a resumed demo shows every run's. Also counts
 * the events in {@code process} and {@code memory}. Use from one thread.
 */
public final class KafkaTally implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> windows = new HashMap<>();
    private long detected;
    /** Per ingest batch id: events persisted, records dead-lettered. */
    private final Map<Long, long[]> batches = new HashMap<>();
    private StreamStatus latest;
    private boolean assigned;

    public KafkaTally(String bootstrap) {
        Map<String, Object> props = new HashMap<>(KafkaConnection.plaintext(bootstrap).clientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "stophack-demo-status");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Reads what arrived since the last call; false while the topics are not there yet. */
    public boolean update() {
        if (!assigned) {
            List<TopicPartition> partitions = partitions(List.of(Topics.ATTACK_COUNTS, Topics.ATTACKS, Topics.STREAM_STATUS));
            if (partitions.isEmpty()) {
                return false;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assigned = true;
        }
        for (int i = 0; i < 100; i++) { // a bounded catch-up per call keeps the status line moving
            var records = consumer.poll(Duration.ofMillis(i == 0 ? 200 : 0));
            if (records.isEmpty()) {
                break;
            }
            for (ConsumerRecord<String, String> r : records) {
                if (r.topic().equals(Topics.ATTACKS)) {
                    detected++;
                } else if (r.topic().equals(Topics.STREAM_STATUS)) {
                    batch(r.value());
                } else {
                    count(r.value());
                }
            }
        }
        return true;
    }

    private void count(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            JsonNode count = n.get(AttackCount.COUNT);
            if (count != null && count.canConvertToLong()) {
                windows.put(n.path(AttackCount.MACHINE).asText() + "|" + n.path(AttackCount.WINDOW_START).asText(),
                        count.asLong());
            }
        } catch (java.io.IOException e) {
            // not a count: the dashboard reports such records; the status line leaves them out
        }
    }

    private void batch(String value) {
        try {
            StreamStatus s = JSON.readValue(value, StreamStatus.class);
            long events = s.kinds() == null ? 0 : s.kinds().values().stream().mapToLong(StreamStatus.KindStatus::events).sum();
            long dead = s.deadLetters() == null ? 0 : s.deadLetters().values().stream().mapToLong(Long::longValue).sum();
            batches.put(s.batchId(), new long[] {events, dead});
            if (latest == null || s.batchId() >= latest.batchId()) {
                latest = s;
            }
        } catch (java.io.IOException e) {
            // not a status record: left out, as the job's other readers do
        }
    }

    /** Whether the streaming job has published a batch's status yet. */
    public boolean hasBatches() {
        return !batches.isEmpty();
    }

    /** Events the streaming job persisted, over every batch it published. */
    public long persisted() {
        return batches.values().stream().mapToLong(b -> b[0]).sum();
    }

    /** Records the streaming job dead-lettered, over every batch it published. */
    public long deadLetters() {
        return batches.values().stream().mapToLong(b -> b[1]).sum();
    }

    /** The versions the newest batch was scored with, per kind (0: none). */
    public Map<String, Integer> models() {
        Map<String, Integer> models = new HashMap<>();
        if (latest != null && latest.kinds() != null) {
            latest.kinds().forEach((kind, k) -> models.put(kind, k.activeVersion() == null ? 0 : k.activeVersion()));
        }
        return models;
    }

    /** Reads until every assigned partition is read to its end offset of now, or {@code limit} passes. */
    public void readToEnd(Duration limit) {
        long giveUp = System.nanoTime() + limit.toNanos();
        update();
        if (!assigned) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (System.nanoTime() < giveUp && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            update();
        }
    }

    public long potential() {
        return windows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long detected() {
        return detected;
    }

    /** Records in the process and memory topics now: every event the producers have had acknowledged. */
    public long events() {
        List<TopicPartition> partitions = partitions(List.of(Topics.PROCESS, Topics.MEMORY));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
        return partitions.stream().mapToLong(p -> end.getOrDefault(p, 0L) - start.getOrDefault(p, 0L)).sum();
    }

    /** End offsets ("topic:partition" → the next offset) of {@code topics}. */
    public Map<String, Long> ends(List<String> topics) {
        Map<String, Long> ends = new HashMap<>();
        consumer.endOffsets(partitions(topics))
                .forEach((p, offset) -> ends.put(p.topic() + ":" + p.partition(), offset));
        return ends;
    }

    private List<TopicPartition> partitions(List<String> topics) {
        List<TopicPartition> all = new ArrayList<>();
        Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(5));
        for (String topic : topics) {
            for (PartitionInfo p : known.getOrDefault(topic, List.of())) {
                all.add(new TopicPartition(topic, p.partition()));
            }
        }
        return all;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
