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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection panels in a real headless Chromium: first, with nothing on the topics, the page
 * says the streaming job is silent; then five minutes of status records (the process model
 * switching from v1 to v2, dead letters of two reasons) and a few detected attacks: every chart
 * lays out and paints, the version change has its marker, the table lists the attacks with both
 * scores, the silence notice goes, and the page asks for no producer; no console error. The screenshot lands in target/dashboard-detection.png.
 */
class DetectionDashboardBrowserTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();
    static final Duration WAIT = Duration.ofSeconds(40);

    /** Per detection chart: per dataset its points with a value, those laid out in the plot, those painted there. */
    static final String STATE = """
            (() => {
              const s = window.stophack;
              if (!s || !s.charts.detversions) return null;
              const out = { detectionUpdates: s.detectionUpdates, lastError: s.lastError, charts: {} };
              for (const name of ['detattacks', 'detversions', 'detdead']) {
                const c = s.charts[name], a = c.chartArea, ctx = c.ctx;
                const painted = (x, y) => {
                  const d = ctx.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data;
                  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
                  return false;
                };
                out.charts[name] = c.data.datasets.map((d, i) => {
                  const els = c.getDatasetMeta(i).data;
                  const inside = els.filter(p => !p.skip && p.x >= a.left - 1 && p.x <= a.right + 1
                      && p.y >= a.top - 1 && p.y <= a.bottom + 1);
                  const marked = els.filter(p => p.options && p.options.radius > 0);
                  return { label: d.label, points: d.data.filter(p => p.y !== null).length, inside: inside.length,
                           painted: inside.filter(p => painted(p.x, p.y)).length, marked: marked.length,
                           markedPainted: marked.filter(p => painted(p.x, p.y)).length };
                });
              }
              out.table = [...document.querySelectorAll('#detlatest tbody tr')].map(r => r.innerText);
              const n = document.getElementById('detsilent');
              out.silent = n.hidden ? null : n.innerText;
              const b = document.getElementById('banner');
              out.banner = b.hidden ? null : b.innerText;
              return out;
            })()""";

    @Test
    void saysTheJobIsSilentThenDrawsAttacksVersionsAndDeadLetters(@TempDir Path dir) throws Exception {
        Files.createDirectories(Path.of("target"));
        try (ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "detection-dashboard"),
                Clock.systemUTC()).start();
             Chromium browser = Chromium.launch(dir); DevToolsPage page = browser.page()) {
            page.viewport(1440, 1800);
            page.navigate(app.url());
            Await.until("the silence notice", WAIT, () -> {
                JsonNode s = page.evaluate(STATE);
                return s != null && !s.isNull() && s.path("detectionUpdates").asInt() > 0 && s.hasNonNull("silent");
            }, () -> page.evaluate(STATE) + ", page errors: " + page.errors());
            assertThat(page.evaluate(STATE).get("silent").asText()).contains("The streaming job is silent", "stream-status");

            long now = System.currentTimeMillis();
            long start = now - 5 * 60_000;
            try (KafkaProducer<String, String> p = services.producer()) {
                for (int b = 0; b < 30; b++) { // a batch every 10 s; the process model moves to v2 half-way
                    long t = start + b * 10_000L;
                    String dead = b % 3 == 0 ? "{\"not-json\":" + (b % 4 + 1) + ",\"schema\":2}" : "{}";
                    p.send(new ProducerRecord<>(Topics.STREAM_STATUS, "ingest", "{\"batch_id\":" + b + ",\"batch_time\":\""
                            + Instant.ofEpochMilli(t) + "\",\"kinds\":{\"process\":{\"active_version\":" + (b < 15 ? 1 : 2)
                            + ",\"candidate_version\":null,\"events\":40,\"predicted_attacks\":2},\"memory\":{\"active_version\":1,"
                            + "\"candidate_version\":null,\"events\":40,\"predicted_attacks\":1}},\"dead_letters\":" + dead
                            + ",\"watermark\":null}"));
                }
                for (int i = 0; i < 4; i++) {
                    p.send(new ProducerRecord<>(Topics.ATTACKS, "3", "{\"machine\":3,\"CMD_PID\":\"nc_" + (100 + i)
                            + "\",\"PID\":" + (100 + i) + ",\"CMD\":\"nc\",\"process_event_time\":\"" + Instant.ofEpochMilli(start)
                            + "\",\"memory_event_time\":\"" + Instant.ofEpochMilli(start + 5_000) + "\",\"process_p_attack\":0.97,"
                            + "\"memory_p_attack\":0.81,\"process_model_version\":2,\"memory_model_version\":1,"
                            + "\"processing_time\":\"" + Instant.ofEpochMilli(start + i * 60_000L) + "\"}"));
                }
            }
            Await.until("the detection panels to draw everything", WAIT, () -> drawn(page.evaluate(STATE)),
                    () -> page.evaluate(STATE) + ", page errors: " + page.errors());
            JsonNode state = page.evaluate(STATE);
            for (String chart : new String[] {"detattacks", "detversions", "detdead"}) {
                for (JsonNode set : state.at("/charts/" + chart)) {
                    assertThat(set.get("inside").asInt()).as("%s %s laid out", chart, set.get("label"))
                            .isEqualTo(set.get("points").asInt());
                    assertThat(set.get("painted").asInt()).as("%s %s painted", chart, set.get("label"))
                            .isGreaterThanOrEqualTo(set.get("inside").asInt() * 9 / 10);
                }
            }
            JsonNode versions = state.at("/charts/detversions");
            assertThat(versions).extracting(v -> v.get("label").asText() + " " + v.get("marked").asInt())
                    .containsExactlyInAnyOrder("process 1", "memory 0");
            for (JsonNode v : versions) {
                assertThat(v.get("markedPainted").asInt()).isEqualTo(v.get("marked").asInt());
            }
            assertThat(state.at("/charts/detdead")).extracting(d -> d.get("label").asText()).containsExactly("not-json", "schema");
            assertThat(state.get("table")).hasSize(4);
            assertThat(state.at("/table/0").asText()).contains("3", "nc", "0.970", "0.810");
            assertThat(state.get("silent").isNull()).as("status arrived: %s", state.get("silent")).isTrue();
            assertThat(state.get("banner").isNull()).as("only the streaming job's output flows: nothing to ask for: %s",
                    state.get("banner")).isTrue();
            Files.write(Path.of("target", "dashboard-detection.png"), page.screenshot());
            assertThat(page.errors()).as("errors the page reported").isEmpty();
            assertThat(page.evaluate("window.stophack.lastError").isNull()).isTrue();
        }
    }

    private static boolean drawn(JsonNode s) {
        if (s == null || s.isNull()) {
            return false;
        }
        return s.path("table").size() == 4 && s.at("/charts/detversions").size() == 2
                && s.at("/charts/detversions/0/points").asInt() == 30 && s.at("/charts/detdead").size() == 2
                && s.at("/charts/detattacks/0/points").asInt() == 4 && s.path("silent").isNull();
    }
}
