package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A record of a few hundred kilobytes that cannot be read must become a dead letter that Kafka
 * accepts: 400 KB of bytes that are not UTF-8 (each would become a three-byte U+FFFD) and 400 KB
 * of control characters (each a six-byte JSON escape) would both outgrow the largest record if a
 * dead letter copied them whole, and the batch would then fail on every replay. Later batches
 * must go on.
 */
class OversizedRecordTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final Duration WAIT = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void oversizedUnreadableRecordsBecomeBoundedDeadLettersAndLaterBatchesGoOn() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        byte[] invalid = new byte[400 * 1024];
        Arrays.fill(invalid, (byte) 0xFF);
        byte[] control = "\u0001".repeat(400 * 1024).getBytes(StandardCharsets.UTF_8);
        try (StreamJob job = new StreamJob(rig.spark, rig.settings("oversized", false, Duration.ofSeconds(1)), rig.store,
                new StreamMetrics()).start()) {
            rig.send(List.of(new ProducerRecord<>(Topics.PROCESS, "x", invalid),
                    new ProducerRecord<>(Topics.MEMORY, "x", control)));
            rig.produce(Topics.PROCESS, "4", List.of(process(4, 1, "before", T0, 10)));
            Await.until(WAIT, "both dead letters and the event beside them",
                    () -> rig.rows(S3Layout.DEADLETTER).size() == 2 && events(rig) == 1);

            rig.produce(Topics.PROCESS, "4", List.of(process(4, 2, "after", T0 + 1, 10)));
            rig.produce(Topics.MEMORY, "4", List.of(memory(4, 2, "after", T0 + 1, 1, 0)));
            Await.until(WAIT, "the events of a later batch", () -> events(rig) == 3);
        }

        Map<String, Row> dead = rig.rows(S3Layout.DEADLETTER).stream()
                .collect(Collectors.toMap(r -> r.<String>getAs(DeadLetter.TOPIC), Function.identity()));
        assertThat(dead).containsOnlyKeys(Topics.PROCESS, Topics.MEMORY);
        check(dead.get(Topics.PROCESS), invalid, "\uFFFD");
        check(dead.get(Topics.MEMORY), control, "\u0001");
        assertThat(dead.get(Topics.PROCESS).<String>getAs(DeadLetter.REASON)).isEqualTo("invalid-utf8: byte 0xff at offset 0");
        assertThat(dead.get(Topics.MEMORY).<String>getAs(DeadLetter.REASON)).startsWith("not-json");

        List<ConsumerRecord<String, String>> topic = rig.readAll(Topics.DEADLETTER, 10);
        assertThat(topic).hasSize(2);
        for (ConsumerRecord<String, String> r : topic) {
            assertThat(r.serializedValueSize()).as("a dead letter far below the largest record")
                    .isLessThan(Topics.MAX_MESSAGE_BYTES / 8);
            DeadLetter letter = JSON.readValue(r.value(), DeadLetter.class);
            assertThat(letter.topic()).isEqualTo(r.key());
            assertThat(letter.rawBytes()).isEqualTo(400 * 1024);
            assertThat(letter.rawTruncated()).isTrue();
            assertThat(letter.rawSha256()).isEqualTo(sha256(letter.topic().equals(Topics.PROCESS) ? invalid : control));
            assertThat(letter.raw()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_RAW_BYTES);
        }
    }

    private static void check(Row row, byte[] value, String character) throws Exception {
        assertThat(row.<Long>getAs(DeadLetter.RAW_BYTES)).isEqualTo(value.length);
        assertThat(row.<Boolean>getAs(DeadLetter.RAW_TRUNCATED)).isTrue();
        assertThat(row.<String>getAs(DeadLetter.RAW_SHA256)).isEqualTo(sha256(value));
        assertThat(row.<String>getAs(DeadLetter.RAW)).isEqualTo(character.repeat(DeadLetter.MAX_RAW_BYTES));
        assertThat(row.<String>getAs(DeadLetter.REASON)).hasSizeLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS);
    }

    private static long events(StreamRig rig) {
        return rig.rows(S3Layout.events(EventKind.PROCESS)).size() + rig.rows(S3Layout.events(EventKind.MEMORY)).size();
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }
}
