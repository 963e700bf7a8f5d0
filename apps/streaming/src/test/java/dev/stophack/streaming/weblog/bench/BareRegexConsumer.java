package dev.stophack.streaming.weblog.bench;

import dev.stophack.api.kafka.Topics;
import dev.stophack.streaming.weblog.parse.AccessLogParser;
import dev.stophack.streaming.weblog.parse.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The reference: one thread, a KafkaConsumer reading every partition of {@code weblog} from the
 * beginning, each value decoded and matched by one precompiled regular expression, its groups
 * taken (host, time, method, path, protocol) and status and bytes read as numbers. It checks
 * nothing else and writes nothing: the most a single thread does with the same lines.
 */
final class BareRegexConsumer {
    static final Pattern LINE = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(\\S+) (\\S+) (\\S+)\" (\\d{3}) (\\d+|-)(?: \"([^\"]*)\" \"([^\"]*)\")?.*$");

    private BareRegexConsumer() {
    }

    /** Lines read, how long it took, and a checksum so the JIT cannot drop the parsing. */
    record Result(long lines, long nanos, long checksum) {
        double perSecond() {
            return lines * 1e9 / nanos;
        }
    }

    /** With {@code ourParser}, the job's {@link AccessLogParser} reads each value instead of the regex. */
    static Result run(String bootstrap, long expected, boolean ourParser) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 << 20));
        AccessLogParser parser = new AccessLogParser(3600);
        long checksum = 0;
        long n = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.WEBLOG).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (n < expected) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (ourParser) {
                        ParsedLine l = parser.parse(r.value(), r.timestamp());
                        checksum += l.ok() ? l.status() + l.bytes() + l.length(ParsedLine.HOST) : 1;
                    } else {
                        Matcher m = LINE.matcher(new String(r.value(), StandardCharsets.UTF_8));
                        if (m.matches()) {
                            String bytes = m.group(7);
                            checksum += Integer.parseInt(m.group(6)) + (bytes.equals("-") ? 0 : Long.parseLong(bytes))
                                    + m.group(1).length() + m.group(2).length() + m.group(3).length() + m.group(4).length()
                                    + m.group(5).length();
                        } else {
                            checksum++;
                        }
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
}
