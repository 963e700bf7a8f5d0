package dev.stophack.consumer.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.Http;
import dev.stophack.consumer.testing.TestSettings;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/detection} from hand-built attacks and status records on a real broker, bad ones among them. */
class DetectionOnKafkaTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Five minutes ago, on a whole minute. */
    static final long T = (Instant.now().getEpochSecond() / 60 - 5) * 60_000;

    static String at(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    @Test
    void theEndpointReportsWhatTheTopicsHold() throws Exception {
        try (KafkaProducer<String, String> p = services.producer()) {
            for (int i = 0; i < 3; i++) {
                p.send(new ProducerRecord<>(Topics.ATTACKS, "7", new String(DetectionRecordsTest.attack(7, "nc_" + i,
                        at(T + i * 30_000), 0.91, 0.72), StandardCharsets.UTF_8)));
            }
            p.send(new ProducerRecord<>(Topics.ATTACKS, "7", "{broken"));
            p.send(new ProducerRecord<>(Topics.STREAM_STATUS, "ingest", status(1, T, 1, "{\"not-json\":2}")));
            p.send(new ProducerRecord<>(Topics.STREAM_STATUS, "ingest", status(2, T + 10_000, 2, "{\"not-json\":1,\"schema\":3}")));
            p.send(new ProducerRecord<>(Topics.STREAM_STATUS, "ingest", status(3, T + 70_000, 2, "{}")));
            p.send(new ProducerRecord<>(Topics.STREAM_STATUS, "ingest", "not even json"));
        }
        try (ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "detection"), Clock.systemUTC())
                .start()) {
            String url = app.url() + "api/detection";
            Await.until("every detection record read", Duration.ofSeconds(60), () -> {
                JsonNode n = read(url);
                return n.at("/topics/attacks/counted").asLong() == 3 && n.at("/topics/stream-status/counted").asLong() == 3
                        && n.at("/topics/attacks/skipped/not_json").asLong() == 1
                        && n.at("/topics/stream-status/skipped/not_json").asLong() == 1;
            }, () -> read(url));
            JsonNode d = read(url);
            assertThat(d.get("enabled").asBoolean()).isTrue();
            assertThat(d.get("streamSilent").asBoolean()).as("a status record arrived just now").isFalse();
            assertThat(d.at("/attacks/distinct").asLong()).isEqualTo(3);
            assertThat(d.at("/attacks/latest")).extracting(a -> a.get("cmdPid").asText()).containsExactly("nc_2", "nc_1", "nc_0");
            JsonNode newest = d.at("/attacks/latest/0");
            assertThat(newest.get("machine").asText()).isEqualTo("7");
            assertThat(newest.get("cmd").asText()).isEqualTo("nc");
            assertThat(newest.get("processPAttack").asDouble()).isEqualTo(0.91);
            assertThat(newest.get("memoryPAttack").asDouble()).isEqualTo(0.72);
            assertThat(newest.get("time").asLong()).isEqualTo(T + 60_000);
            assertThat(d.at("/attacks/perMinute").toString())
                    .isEqualTo("{\"x\":[" + T + "," + (T + 60_000) + "],\"counts\":[2,1]}");
            assertThat(d.at("/versions/x").toString()).isEqualTo("[" + T + "," + (T + 10_000) + "," + (T + 70_000) + "]");
            assertThat(d.at("/versions/lines/process").toString()).isEqualTo("[1,2,2]");
            assertThat(d.at("/versions/lines/memory").toString()).isEqualTo("[null,null,null]");
            assertThat(d.at("/versions/changes").toString())
                    .isEqualTo("[{\"kind\":\"process\",\"at\":" + (T + 10_000) + ",\"from\":1,\"to\":2}]");
            assertThat(d.at("/deadLetters").toString()).isEqualTo("{\"x\":[" + T + "," + (T + 60_000) + "],"
                    + "\"reasons\":{\"not-json\":[3,0],\"schema\":[3,0]}}");
        }
    }

    static String status(long id, long time, int processVersion, String deadLetters) {
        return "{\"batch_id\":" + id + ",\"batch_time\":\"" + at(time) + "\",\"kinds\":{"
                + "\"process\":{\"active_version\":" + processVersion + ",\"candidate_version\":null,\"events\":40,\"predicted_attacks\":2},"
                + "\"memory\":{\"active_version\":null,\"candidate_version\":null,\"events\":40,\"predicted_attacks\":0}},"
                + "\"dead_letters\":" + deadLetters + ",\"watermark\":null}";
    }

    private static JsonNode read(String url) {
        try {
            return JSON.readTree(Http.get(url).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
