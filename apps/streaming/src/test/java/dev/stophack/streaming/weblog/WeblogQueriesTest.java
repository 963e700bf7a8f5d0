package dev.stophack.streaming.weblog;

import static dev.stophack.streaming.weblog.support.WeblogLines.T0;
import static dev.stophack.streaming.weblog.support.WeblogLines.burst;
import static dev.stophack.streaming.weblog.support.WeblogLines.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.BlocklistDecision;
import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.streaming.weblog.support.WeblogRun;
import dev.stophack.streaming.weblog.surge.SurgeRules;
import dev.stophack.testkit.TestServices;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three web access-log queries on a real broker and S3, with hand-built lines whose alerts
 * are known exactly: a rate limit of 5 requests per 60 s window sliding by 10 s, 1-minute surge
 * windows warm after 2, a 10 s watermark. Phase one: three ordinary minutes, a 503 storm, a
 * URL-busting scan, an abusive host and two broken lines. Phase two: lines late within and
 * beyond the watermark, then one that closes the open windows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WeblogQueriesTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final Duration WATERMARK = Duration.ofSeconds(10);
    static final WeblogSettings SETTINGS = new WeblogSettings(WeblogSettings.Mode.ONLY, WATERMARK, Duration.ofSeconds(60),
            Duration.ofSeconds(10), 5, new SurgeRules(Duration.ofSeconds(60), WATERMARK, 10, 2, 3, 0.05, 5, 5, 0.8));
    static final String RUN = "weblog";
    static final String SCANNER = "2001:db8::bad";
    static final String ABUSER = "203.0.113.7";
    static final List<String> BROKEN = List.of(
            "10.9.9.9 - - [2024-05-18 10:00:05] \"GET / HTTP/1.1\" 2O0 5",
            "10.9.9.9 - - [2024-05-18 10:0");
    static StreamRig rig;
    static int goodLines;

    @BeforeAll
    static void phaseOne() throws Exception {
        rig = new StreamRig(SERVICES);
        List<String> lines = new ArrayList<>();
        for (int m = 0; m < 3; m++) { // ordinary minutes: 20 clients, one 404
            for (int i = 0; i < 20; i++) {
                lines.add(line("10.0." + m + "." + i, m * 60L + i, i == 0 ? "/missing" + m : "/doc" + i, i == 0 ? 404 : 200));
            }
        }
        for (int i = 0; i < 20; i++) { // minute 3: half the requests answered 503
            lines.add(line("10.0.3." + i, 180 + i, "/doc" + i, i < 10 ? 503 : 200));
        }
        for (int i = 0; i < 20; i++) { // minute 4: ordinary, plus a scanner
            lines.add(line("10.0.4." + i, 240 + i, "/doc" + i, 200));
        }
        for (int k = 0; k < 5; k++) {
            lines.add(line(SCANNER, 270 + k, "/admin" + k + ".php", 404));
        }
        lines.addAll(burst(ABUSER, 310, 7, 200)); // minute 5: seven requests in seven seconds
        goodLines = lines.size();
        rig.produce(Topics.WEBLOG, "10.0.0.1", lines);
        rig.produce(Topics.WEBLOG, "10.9.9.9", BROKEN);
        WeblogRun.once(rig, RUN, SETTINGS);
    }

    @Test
    @Order(1)
    void everyLineIsPersistedOrDeadLetteredOnce() {
        Dataset<Row> events = rig.parquet(S3Layout.WEBLOG_EVENTS);
        assertThat(events.count()).isEqualTo(goodLines);
        assertThat(events.select("kafka_partition", "kafka_offset").distinct().count()).isEqualTo(goodLines);
        assertThat(events.columns()).containsExactly("host", "event_time", "method", "path", "protocol", "status", "bytes",
                "referer", "user_agent", "kafka_partition", "kafka_offset", "date");
        Row scan = events.filter("host = '" + SCANNER + "'").orderBy("event_time").first();
        assertThat(scan.<Timestamp>getAs("event_time").toInstant()).isEqualTo(Instant.ofEpochSecond(T0 + 270));
        assertThat(scan.<String>getAs("path")).isEqualTo("/admin0.php");
        assertThat(scan.<Integer>getAs("status")).isEqualTo(404);
        assertThat(scan.<Object>getAs("date").toString()).isEqualTo("2024-05-18");

        List<Row> dead = rig.rows(S3Layout.WEBLOG_DEADLETTER, "offset");
        assertThat(dead).extracting(r -> r.<String>getAs("reason").replaceAll(":.*", ""))
                .containsExactlyInAnyOrder("bad-status", "truncated");
        assertThat(dead).allMatch(r -> r.<String>getAs("topic").equals(Topics.WEBLOG) && BROKEN.contains(r.<String>getAs("raw")));
        List<ConsumerRecord<String, String>> topic = rig.readAll(Topics.DEADLETTER, 10);
        assertThat(topic).hasSize(2).allMatch(r -> r.key().equals(Topics.WEBLOG));
        assertThat(topic).allSatisfy(r -> assertThat(JSON.readValue(r.value(), DeadLetter.class).rawBytes()).isPositive());
    }

    @Test
    @Order(2)
    void theAbusiveHostIsBlockedForEveryWindowItFilledAsSoonAsItWentOver() throws Exception {
        List<Row> decisions = rig.rows(S3Layout.RATELIMIT_ALERTS, "window_start");
        assertThat(decisions).extracting(r -> r.getAs("host"), r -> seconds(r, "window_start"), r -> seconds(r, "until"),
                r -> r.getAs("count"), r -> seconds(r, "decided_at"))
                .as("its sixth request, at 315 s, took every window holding 310..315 s over 5")
                .containsExactly(
                        tuple(ABUSER, 260L, 320L, 7L, 315L), tuple(ABUSER, 270L, 330L, 7L, 315L),
                        tuple(ABUSER, 280L, 340L, 7L, 315L), tuple(ABUSER, 290L, 350L, 7L, 315L),
                        tuple(ABUSER, 300L, 360L, 7L, 315L), tuple(ABUSER, 310L, 370L, 7L, 315L));
        List<ConsumerRecord<String, String>> topic = rig.readAll(Topics.BLOCKLIST, 20);
        assertThat(topic).hasSize(6).allMatch(r -> r.key().equals(ABUSER));
        BlocklistDecision first = JSON.readValue(topic.stream().map(ConsumerRecord::value).sorted().findFirst().orElseThrow(),
                BlocklistDecision.class);
        assertThat(first).isEqualTo(new BlocklistDecision(ABUSER, "2024-05-18T10:04:20Z", "2024-05-18T10:05:20Z", 7, 5,
                "2024-05-18T10:05:20Z", "2024-05-18T10:05:15Z"));
    }

    @Test
    @Order(3)
    void theStormAndTheScanAreAlertedOnceTheirWindowsAreFinal() throws Exception {
        List<Row> alerts = rig.rows(S3Layout.ERRORSURGE_ALERTS, "window_start", "kind", "status");
        assertThat(alerts).extracting(r -> r.getAs("kind"), r -> r.getAs("status"), r -> seconds(r, "window_start"),
                r -> r.getAs("count"), r -> r.getAs("total"), r -> r.getAs("baseline"), r -> r.getAs("host"),
                r -> r.getAs("distinct_paths"))
                .containsExactly(
                        tuple(WeblogAlert.ERROR_SURGE, "503", 180L, 10L, 20L, 0.0, null, null),
                        tuple(WeblogAlert.ERROR_SURGE, "5xx", 180L, 10L, 20L, 0.0, null, null),
                        tuple(WeblogAlert.ERROR_SURGE, "404", 240L, 5L, 25L, 3 / 80.0, null, null),
                        tuple(WeblogAlert.ERROR_SURGE, "4xx", 240L, 5L, 25L, 3 / 80.0, null, null),
                        tuple(WeblogAlert.URL_BUSTING, "404", 240L, 5L, 5L, 3 / 80.0, SCANNER, 5L));
        assertThat(alerts).allMatch(r -> seconds(r, "decided_at") == seconds(r, "window_end") + 10,
                "decided when the watermark passed the window's end");
        assertThat(alerts.get(0).<Double>getAs("ratio")).isEqualTo(0.5);

        List<ConsumerRecord<String, String>> topic = rig.readAll(Topics.ALERTS, 20);
        assertThat(topic).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("503", "5xx", "404", "4xx", SCANNER);
        for (ConsumerRecord<String, String> r : topic) {
            WeblogAlert a = JSON.readValue(r.value(), WeblogAlert.class);
            assertThat(a.windowStart()).isIn("2024-05-18T10:03:00Z", "2024-05-18T10:04:00Z");
        }
    }

    @Test
    @Order(4)
    void lateLinesCountWithinTheWatermarkAndNotBeyondIt() throws Exception {
        // the watermark stands at 316 - 10 = 306 s
        List<String> late = new ArrayList<>(burst("198.51.100.9", 250, 7, 200));   // beyond: its windows are past
        late.addAll(burst("192.0.2.5", 308, 7, 200));                              // within: older than 316 s, newer than 306 s
        for (int i = 0; i < 10; i++) {
            late.add(line("10.0.7." + i, 307 + i, "/doc", 500));                   // within, in the open minute 5
        }
        late.add(line("10.0.9.1", 1000, "/doc", 200));                              // moves the watermark past minute 5
        rig.produce(Topics.WEBLOG, "10.0.0.1", late);
        StreamMetrics metrics = WeblogRun.once(rig, RUN, SETTINGS);

        assertThat(rig.parquet(S3Layout.WEBLOG_EVENTS).count()).as("late or not, every line is persisted")
                .isEqualTo(goodLines + late.size());
        assertThat(rig.rows(S3Layout.RATELIMIT_ALERTS, "window_start")).filteredOn(r -> !r.getAs("host").equals(ABUSER))
                .extracting(r -> r.getAs("host"), r -> seconds(r, "window_start"), r -> r.getAs("count"),
                        r -> seconds(r, "decided_at"))
                .as("windows 260..300 s hold all seven (308..314 s); window 310 s only five")
                .containsExactly(
                        tuple("192.0.2.5", 260L, 7L, 313L), tuple("192.0.2.5", 270L, 7L, 313L),
                        tuple("192.0.2.5", 280L, 7L, 313L), tuple("192.0.2.5", 290L, 7L, 313L),
                        tuple("192.0.2.5", 300L, 7L, 313L));
        assertThat(metrics.count("stophack_stream_late_rows", "query", WeblogQueries.RATE_LIMIT))
                .as("the seven requests at or before the watermark").isEqualTo(7);
        assertThat(rig.rows(S3Layout.ERRORSURGE_ALERTS, "window_start", "status")).filteredOn(r -> seconds(r, "window_start") == 300)
                .extracting(r -> r.getAs("status"), r -> r.getAs("count"), r -> r.getAs("total"))
                .as("minute 5: the abuser's 7, the late host's 7 and ten 500s")
                .containsExactly(tuple("500", 10L, 24L), tuple("5xx", 10L, 24L));
        assertThat(rig.rows(S3Layout.ERRORSURGE_ALERTS)).as("nothing for minute 4 again").hasSize(7);
        assertThat(rig.readAll(Topics.BLOCKLIST, 30)).hasSize(11);
    }

    private static long seconds(Row r, String column) {
        return r.<Timestamp>getAs(column).toInstant().getEpochSecond() - T0;
    }
}
