package dev.stophack.consumer.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.Http;
import dev.stophack.consumer.testing.TestSettings;
import dev.stophack.testkit.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web panels' JSON from hand-built records on a real broker: counts, shares, blocks, marks and skips, exactly. */
class WebPanelsOnKafkaTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter SEED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String ABUSER = "203.0.113.7";

    /** Five minutes ago, on a whole minute: in the past, so no line is ahead of the clock. */
    static final long T = (Instant.now().getEpochSecond() / 60 - 5) * 60;

    static String line(String host, long second, int status) {
        String time = LocalDateTime.ofEpochSecond(T + second, 0, ZoneOffset.UTC).format(SEED);
        return host + " - - [" + time + "] \"GET /x HTTP/1.1\" " + status + " 12";
    }

    static String iso(long second) {
        return Instant.ofEpochSecond(T + second).toString();
    }

    @Test
    void theWebPanelsCountWhatTheTopicsHold() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            lines.add(line(ABUSER, s, 200));
        }
        for (int i = 0; i < 20; i++) {
            lines.add(line("10.0.0." + i, i, i < 2 ? 404 : i < 5 ? 503 : 200));
        }
        try (KafkaProducer<String, String> p = services.producer()) {
            for (String l : lines) {
                p.send(new ProducerRecord<>(Topics.WEBLOG, l.substring(0, l.indexOf(' ')), l));
            }
            p.send(new ProducerRecord<>(Topics.WEBLOG, "x", "no time here"));
            p.send(new ProducerRecord<>(Topics.WEBLOG, "x", line("10.9.9.9", 5, 200).replace(" 200 ", " 2O0 ")));
            p.send(new ProducerRecord<>(Topics.WEBLOG, "x", line("10.9.9.9", 7200, 200)));
            for (int w : new int[] {-30, -20}) {
                p.send(new ProducerRecord<>(Topics.BLOCKLIST, ABUSER, "{\"host\":\"" + ABUSER + "\",\"window_start\":\"" + iso(w)
                        + "\",\"window_end\":\"" + iso(w + 60) + "\",\"count\":650,\"threshold\":600,\"until\":\""
                        + iso(w + 60) + "\",\"decided_at\":\"" + iso(25) + "\"}"));
            }
            p.send(new ProducerRecord<>(Topics.BLOCKLIST, ABUSER, "{not json"));
            String surge = "{\"kind\":\"error-surge\",\"status\":\"5xx\",\"window_start\":\"" + iso(0)
                    + "\",\"window_end\":\"" + iso(60) + "\",\"count\":3,\"total\":50,\"ratio\":0.06,\"baseline\":0.005,"
                    + "\"host\":null,\"distinct_paths\":null,\"decided_at\":\"" + iso(90) + "\"}";
            p.send(new ProducerRecord<>(Topics.ALERTS, "5xx", surge));
            p.send(new ProducerRecord<>(Topics.ALERTS, "5xx", surge)); // at least once: a repeat
            p.send(new ProducerRecord<>(Topics.ALERTS, "2001:db8::bad", "{\"kind\":\"url-busting\",\"status\":\"404\","
                    + "\"window_start\":\"" + iso(0) + "\",\"window_end\":\"" + iso(60) + "\",\"count\":90,\"total\":95,"
                    + "\"ratio\":0.947,\"baseline\":0.03,\"host\":\"2001:db8::bad\",\"distinct_paths\":88,\"decided_at\":\""
                    + iso(90) + "\"}"));
        }
        try (ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "web-panels"), Clock.systemUTC())
                .start()) {
            String url = app.url() + "api/weblog";
            Await.until("every web record read", Duration.ofSeconds(60), () -> {
                JsonNode n = read(url);
                return n.at("/topics/weblog/counted").asLong() == 50 && n.at("/topics/alerts/counted").asLong() == 3
                        && n.at("/topics/blocklist/skipped/not_json").asLong() == 1;
            }, () -> read(url));
            JsonNode web = read(url);
            assertThat(web.get("newest").asLong()).isEqualTo((T + 29) * 1000);
            assertThat(web.get("threshold").asLong()).isEqualTo(600);
            assertThat(web.get("thresholdFrom").asText()).isEqualTo("blocklist");

            JsonNode busiest = web.get("busiest");
            assertThat(busiest.get("lines").fieldNames()).toIterable().first().isEqualTo(ABUSER);
            JsonNode abuser = busiest.get("lines").get(ABUSER);
            assertThat(abuser.get(abuser.size() - 1).asLong()).as("its 30 requests in the last minute").isEqualTo(30);
            assertThat(web.get("requestsInWindow").asLong()).isEqualTo(50);

            JsonNode x = web.at("/errors/x");
            int first = -1;
            for (int i = 0; i < x.size(); i++) {
                if (x.get(i).asLong() == (T + 10) * 1000) {
                    first = i;
                }
            }
            assertThat(web.at("/errors/lines/4xx").get(first).asDouble()).as("2 of 20 in the first 10 s").isEqualTo(0.1);
            assertThat(web.at("/errors/lines/5xx").get(first).asDouble()).isEqualTo(0.15);
            assertThat(web.at("/errors/alerts")).extracting(a -> a.get("kind").asText() + " " + a.get("status").asText())
                    .containsExactly("error-surge 5xx", "url-busting 404");

            assertThat(web.get("blocked")).singleElement().satisfies(b -> {
                assertThat(b.get("host").asText()).isEqualTo(ABUSER);
                assertThat(b.get("until").asLong()).isEqualTo((T + 40) * 1000);
                assertThat(b.get("windows").asLong()).isEqualTo(2);
                assertThat(b.get("blocked").asBoolean()).as("until is ahead of the log's newest line").isTrue();
            });
            assertThat(web.at("/topics/weblog/skipped").toString())
                    .isEqualTo("{\"no_status\":1,\"no_time\":1,\"ts_ahead\":1}");
        }
    }

    private static JsonNode read(String url) {
        try {
            return JSON.readTree(Http.get(url).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
