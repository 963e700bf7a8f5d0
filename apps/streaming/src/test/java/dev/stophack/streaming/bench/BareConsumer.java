package dev.stophack.streaming.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.parse.EventParser;
import dev.stophack.streaming.parse.Plausibility;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The limit on this machine: one thread, a KafkaConsumer reading every partition of both topics
 * from the beginning, and Jackson reading every token of every value. With {@code normalise},
 * the job's own EventParser does the reading instead (Jackson plus normalisation and checks).
 */
final class BareConsumer {
    private static final JsonFactory JSON = new JsonFactory();

    private BareConsumer() {
    }

    /** Records read, and a checksum so the JIT cannot drop the parsing. */
    record Result(long records, long nanos, long checksum) {
        double perSecond() {
            return records * 1e9 / nanos;
        }
    }

    static Result run(String bootstrap, long expected, boolean normalise) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 << 20));
        EventParser process = new EventParser(EventKind.PROCESS, new Plausibility(Plausibility.DEFAULT_MAX_FUTURE));
        EventParser memory = new EventParser(EventKind.MEMORY, new Plausibility(Plausibility.DEFAULT_MAX_FUTURE));
        long checksum = 0;
        long n = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (EventKind kind : EventKind.values()) {
                for (PartitionInfo info : consumer.partitionsFor(kind.topic())) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (n < expected) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (normalise) {
                        EventParser parser = r.topic().equals(EventKind.PROCESS.topic()) ? process : memory;
                        checksum += parser.parse(r.value(), r.timestamp() * 1000, System.currentTimeMillis() * 1000).machine();
                    } else {
                        checksum += tokens(r.value());
                    }
                    n++;
                }
                if (partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                    break;
                }
            }
        }
        return new Result(n, System.nanoTime() - start, checksum);
    }

    /** Reads every token; numbers as doubles, strings as text. */
    private static long tokens(byte[] value) throws IOException {
        long sum = 0;
        try (JsonParser parser = JSON.createParser(value)) {
            JsonToken t;
            while ((t = parser.nextToken()) != null) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    sum += (long) parser.getDoubleValue();
                } else if (t == JsonToken.VALUE_STRING) {
                    sum += parser.getText().length();
                }
            }
        }
        return sum;
    }
}
