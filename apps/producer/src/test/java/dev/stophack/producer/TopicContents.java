package dev.stophack.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.producer.kafka.KafkaEventSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything a topic holds, read from the first offset to the end: nothing more, nothing less. */
public final class TopicContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record as a test looks at it. */
    public record Event(int partition, long offset, String key, JsonNode value, long cycle) {
        public String machine() {
            return key;
        }

        public long sequence() {
            return value.get("sequence").asLong();
        }

        public long ts() {
            return value.get("ts").asLong();
        }
    }

    private TopicContents() {
    }

    /** Every record of {@code topic}, ordered by partition then offset (per machine: send order). */
    public static List<Event> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(new Event(r.partition(), r.offset(), r.key(), parse(r.value()), cycle(r)));
                }
            }
        }
        events.sort(Comparator.comparingInt(Event::partition).thenComparingLong(Event::offset));
        return events;
    }

    /** The events of each machine, in the order they were sent. */
    public static Map<String, List<Event>> byMachine(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(Event::machine, java.util.TreeMap::new, Collectors.toList()));
    }

    private static long cycle(ConsumerRecord<String, String> r) {
        Header h = r.headers().lastHeader(KafkaEventSink.CYCLE_HEADER);
        return h == null ? 0 : Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + value, e);
        }
    }
}
