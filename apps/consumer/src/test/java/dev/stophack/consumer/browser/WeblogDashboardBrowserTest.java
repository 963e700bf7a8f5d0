package dev.stophack.consumer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.TestSettings;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web access-log panels in a real headless Chromium: twelve minutes of access log with an
 * abusive host and a 5xx storm, the job's blocklist decisions and alerts beside them. The busiest
 * hosts must be drawn with the limit, the error shares with the alerts on them, the blocked host
 * in the table; no console error. The screenshot lands in target/dashboard-weblog.png.
 */
class WeblogDashboardBrowserTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final DateTimeFormatter APACHE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT);
    static final String ABUSER = "203.0.113.7";

    /** Per web chart: its legend, and per dataset the points with a value, laid out in the plot and painted there. */
    static final String CHARTS = """
            (() => {
              const s = window.stophack;
              if (!s || !s.charts.webhosts) return null;
              const out = { webUpdates: s.webUpdates, lastError: s.lastError, charts: {} };
              for (const name of ['webhosts', 'weberrors']) {
                const c = s.charts[name], a = c.chartArea, ctx = c.ctx;
                const painted = (x, y) => {
                  const d = ctx.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data;
                  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
                  return false;
                };
                out.charts[name] = {
                  legend: c.legend.legendItems.map(i => i.text),
                  sets: c.data.datasets.map((d, i) => {
                    const inside = c.getDatasetMeta(i).data.filter(p => !p.skip && p.x >= a.left - 1
                        && p.x <= a.right + 1 && p.y >= a.top - 1 && p.y <= a.bottom + 1);
                    return { label: d.label, points: d.data.filter(p => p.y !== null).length, inside: inside.length,
                             painted: inside.filter(p => painted(p.x, p.y)).length };
                  })
                };
              }
              out.table = [...document.querySelectorAll('#webblocked tbody tr')].map(r => r.innerText);
              out.empty = [...document.querySelectorAll('#webhosts .empty, #weberrors .empty, #webblocked .empty')]
                  .map(e => e.hidden);
              out.summaries = [...document.querySelectorAll('.web .summary')].map(e => e.innerText);
              const b = document.getElementById('banner');
              out.banner = b.hidden ? null : b.innerText;
              return out;
            })()""";

    @Test
    void drawsTheBusiestHostsTheErrorSharesWithAlertsAndTheBlockedHosts(@TempDir Path dir) throws Exception {
        long start = (Instant.now().getEpochSecond() / 60 - 13) * 60; // twelve minutes, ending a minute ago
        try (KafkaProducer<String, String> p = services.producer()) {
            SplittableRandom random = new SplittableRandom(5);
            for (long s = 0; s < 720; s++) {
                for (int i = 0; i < 3; i++) { // the site: 3 requests a second from 40 clients
                    int status = s >= 480 && s < 600 && random.nextInt(10) < 4 ? 503 : random.nextInt(100) < 3 ? 404 : 200;
                    send(p, "10.0.0." + random.nextInt(40), start + s, status);
                }
                if (s >= 240 && s < 420) { // minutes 4 to 7: 15 requests a second from one host
                    for (int i = 0; i < 15; i++) {
                        send(p, ABUSER, start + s, 200);
                    }
                }
            }
            for (long w = 180; w <= 410; w += 10) {
                p.send(new ProducerRecord<>(Topics.BLOCKLIST, ABUSER, "{\"host\":\"" + ABUSER + "\",\"window_start\":\""
                        + iso(start + w) + "\",\"window_end\":\"" + iso(start + w + 60) + "\",\"count\":900,\"threshold\":600,"
                        + "\"until\":\"" + iso(start + w + 60) + "\",\"decided_at\":\"" + iso(start + w + 50) + "\"}"));
            }
            for (long m = 480; m < 600; m += 60) {
                p.send(new ProducerRecord<>(Topics.ALERTS, "5xx", "{\"kind\":\"error-surge\",\"status\":\"5xx\",\"window_start\":\""
                        + iso(start + m) + "\",\"window_end\":\"" + iso(start + m + 60) + "\",\"count\":72,\"total\":180,"
                        + "\"ratio\":0.4,\"baseline\":0.004,\"host\":null,\"distinct_paths\":null,\"decided_at\":\""
                        + iso(start + m + 90) + "\"}"));
            }
            p.flush();
        }
        Files.createDirectories(Path.of("target"));
        try (ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "web-dashboard"),
                Clock.systemUTC()).start();
             Chromium browser = Chromium.launch(dir); DevToolsPage page = browser.page()) {
            page.viewport(1440, 1400);
            page.navigate(app.url());
            Await.until("the web panels to draw everything", WAIT, () -> drawn(page.evaluate(CHARTS)),
                    () -> page.evaluate(CHARTS) + ", page errors: " + page.errors());
            JsonNode state = page.evaluate(CHARTS);
            JsonNode hosts = state.at("/charts/webhosts");
            assertThat(hosts.get("legend").get(0).asText()).as("the busiest first").isEqualTo(ABUSER);
            assertThat(hosts.get("legend").toString()).contains("limit 600 per 1 minute");
            assertThat(hosts.get("sets")).hasSize(6); // five hosts and the limit
            for (JsonNode set : hosts.get("sets")) {
                assertThat(set.get("inside").asInt()).as("%s laid out in the plot", set.get("label")).isEqualTo(set.get("points").asInt());
                assertThat(set.get("painted").asInt()).as("%s painted", set.get("label"))
                        .isGreaterThanOrEqualTo(set.get("inside").asInt() * 9 / 10);
            }
            JsonNode errors = state.at("/charts/weberrors");
            assertThat(errors.get("legend").toString()).isEqualTo("[\"4xx\",\"5xx\",\"alerts\"]");
            JsonNode alerts = errors.get("sets").get(2);
            assertThat(alerts.get("points").asInt()).as("the two surge windows").isEqualTo(2);
            assertThat(alerts.get("painted").asInt()).as("the alert marks painted").isEqualTo(2);
            assertThat(state.get("table")).singleElement().satisfies(row ->
                    assertThat(row.asText()).contains(ABUSER, "900 / 600", "24", "expired"));
            assertThat(state.get("summaries").toString()).contains("requests in the last 1 minute", "2 error surges",
                    "0 blocked now, 1 expired");
            assertThat(state.get("banner").isNull()).as("only the web log flows: nothing to ask for: %s", state.get("banner"))
                    .isTrue();
            Files.write(Path.of("target", "dashboard-weblog.png"), page.screenshot());
            assertThat(page.errors()).as("errors the page reported").isEmpty();
            assertThat(page.evaluate("window.stophack.lastError").isNull()).isTrue();
        }
    }

    private static boolean drawn(JsonNode s) {
        if (s == null || s.isNull() || s.path("webUpdates").asInt() == 0) {
            return false;
        }
        return s.at("/charts/webhosts/sets").size() == 6 && s.at("/charts/weberrors/sets/2/points").asInt() == 2
                && s.path("table").size() == 1 && s.at("/charts/webhosts/legend/0").asText().equals(ABUSER);
    }

    private static void send(KafkaProducer<String, String> p, String host, long second, int status) {
        String time = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).format(APACHE);
        p.send(new ProducerRecord<>(Topics.WEBLOG, host,
                host + " - - [" + time + " +0000] \"GET /Archives/edgar/data/1/ HTTP/1.1\" " + status + " 1234"));
    }

    private static String iso(long second) {
        return Instant.ofEpochSecond(second).toString();
    }

}
