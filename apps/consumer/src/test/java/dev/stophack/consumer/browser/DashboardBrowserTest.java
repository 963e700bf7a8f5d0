package dev.stophack.consumer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.TelemetryEvents;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium, looked at as a person would: first with nothing
 * in Kafka (it must say what to start), then with ten minutes of traffic behind it and live
 * events flowing (every chart must draw a line per machine, and keep growing), then with more
 * machines writing than the consumer tracks (it must say how many are not drawn). No console
 * error at any point. The screenshots land in target/; with -Dstophack.screenshot=PATH the
 * live one is also written to PATH (how docs/img/dashboard.png is made).
 */
class DashboardBrowserTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> MACHINES = List.of("4", "5", "6", "7", "8");
    private static final Path TARGET = Path.of("target");
    private static final int INTRUDERS = 20;

    /** Per chart, per line: label, points with a value, points laid out inside the plot area and painted there. */
    private static final String CHARTS = """
            (() => {
              const s = window.stophack;
              if (!s) return null;
              const out = { updates: s.updates, lastError: s.lastError, charts: {} };
              for (const [name, c] of Object.entries(s.charts)) {
                const a = c.chartArea, ctx = c.ctx;
                const painted = (x, y) => {
                  const d = ctx.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data;
                  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
                  return false;
                };
                out.charts[name] = {
                  legend: c.legend.legendItems.map(i => i.text),
                  lines: c.data.datasets.map((d, i) => {
                    const inside = c.getDatasetMeta(i).data.filter(p => !p.skip && p.x >= a.left - 1
                        && p.x <= a.right + 1 && p.y >= a.top - 1 && p.y <= a.bottom + 1);
                    return { label: d.label, points: d.data.filter(p => p.y !== null).length,
                             inside: inside.length, painted: inside.filter(p => painted(p.x, p.y)).length,
                             lastX: d.data.length ? d.data[d.data.length - 1].x : null };
                  })
                };
              }
              return out;
            })()""";

    /** What a person sees besides the charts: empty-state texts, the banner, the status pill. */
    private static final String TEXTS = """
            (() => {
              const shown = e => !e.hidden && e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden';
              const b = document.getElementById('banner'), u = document.getElementById('untracked');
              return {
                title: document.title,
                headings: [...document.querySelectorAll('h2')].map(h => h.innerText),
                empty: Object.fromEntries([...document.querySelectorAll('.card')].map(c =>
                    [c.id, shown(c.querySelector('.empty')) ? c.querySelector('.empty').innerText : null])),
                banner: shown(b) ? b.innerText : null,
                untracked: u && shown(u) ? u.innerText : null,
                pill: document.getElementById('connection').innerText,
                updated: document.getElementById('updated').innerText,
                summaries: [...document.querySelectorAll('.summary')].map(s => s.innerText)
              };
            })()""";

    /** Whether the web log's and the detection panels have data: no empty notice, no silence notice, a table row each. */
    private static final String OTHER_PANELS = """
            (() => {
              const rows = id => document.querySelectorAll('#' + id + ' tbody tr').length;
              const empties = [...document.querySelectorAll('.web .empty')].filter(e => !e.hidden);
              return rows('detlatest') > 0 && rows('webblocked') > 0 && empties.length === 0
                  && document.getElementById('detsilent').hidden;
            })()""";

    @Test
    void saysWhatToStartThenDrawsEveryMachineAsEventsFlowWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        Path chromium = Chromium.executable(); // fails, saying how to install it, when it is missing
        TelemetryEvents events = new TelemetryEvents(dir.resolve("csv"), 3_000);
        Files.createDirectories(TARGET);
        List<ConsumerApp> apps = new ArrayList<>();
        AtomicBoolean flowing = new AtomicBoolean(true);
        Thread live = null;
        try (Chromium browser = Chromium.launch(dir); DevToolsPage page = browser.page();
             KafkaProducer<byte[], byte[]> producer = producer()) {
            page.viewport(1440, 900);

            // 1. nothing in Kafka yet: the page must say what to start
            ConsumerApp empty = start("dashboard-empty", apps, MACHINES.size());
            page.navigate(empty.url());
            // until the consumer has joined its group the page says it waits for Kafka; then, for producers
            Await.until("the page to show the connected empty state", WAIT,
                    () -> "no events yet".equals(page.evaluate(TEXTS).path("pill").asText()),
                    () -> page.evaluate(TEXTS) + ", page errors: " + page.errors());
            JsonNode before = page.evaluate(TEXTS);
            assertThat(before.path("title").asText()).isEqualTo("stophack · live telemetry");
            assertThat(before.path("headings").toString()).contains("Process events per cycle",
                    "Memory events in the last 2 minutes", "Potential attacks per window");
            assertThat(before.path("empty").path("process").asText()).contains("./stophack produce process");
            assertThat(before.path("empty").path("memory").asText()).contains("./stophack produce memory");
            assertThat(before.path("empty").path("attacks").asText()).contains("./stophack stream");
            assertThat(before.path("banner").asText()).contains("nothing has arrived yet", "./stophack produce process");
            assertThat(before.path("pill").asText()).isEqualTo("no events yet");
            Files.write(TARGET.resolve("dashboard-empty.png"), page.screenshot());
            assertThat(page.errors()).as("errors the empty page reported").isEmpty();

            // the consumer goes away: the page must say so (the browser logs the refused polls itself)
            empty.close();
            Await.until("the page to notice the consumer is gone", WAIT,
                    () -> "offline".equals(page.evaluate(TEXTS).path("pill").asText()), () -> page.evaluate(TEXTS));
            assertThat(page.evaluate(TEXTS).path("banner").asText()).contains("Cannot reach the consumer",
                    "./stophack consume");
            page.navigate("about:blank"); // stop the old page's polls before looking at what it logged
            assertThat(page.takeErrors()).allMatch(e -> e.contains("ERR_CONNECTION_REFUSED") && e.contains("/api/series"));

            // 2. ten minutes of traffic already in Kafka, then live cycles: a restarted consumer reads it back
            DemoTraffic traffic = new DemoTraffic(producer, events, MACHINES);
            long now = System.currentTimeMillis();
            long liveFrom = DemoTraffic.align(now, DemoTraffic.PROCESS_EVERY);
            traffic.history(now - Duration.ofMinutes(12).toMillis(), liveFrom);
            traffic.jobAndWebLog(now - Duration.ofMinutes(12).toMillis(), liveFrom);
            live = new Thread(() -> flow(traffic, producer, liveFrom, flowing), "live-traffic");
            live.start();
            ConsumerApp app = start("dashboard-live", apps, MACHINES.size());
            page.navigate(app.url());

            Await.until("every chart to draw every machine", WAIT, () -> allDrawn(page.evaluate(CHARTS), liveFrom),
                    () -> page.evaluate(CHARTS) + ", page errors: " + page.errors());
            JsonNode first = page.evaluate(CHARTS);
            // the chart keeps ten minutes: new cycles come in on the right as old ones leave on the left
            long newestCycle = first.at("/charts/process/lines/0/lastX").asLong();
            Await.until("a new process cycle on the chart", WAIT,
                    () -> page.evaluate(CHARTS).at("/charts/process/lines/0/lastX").asLong() > newestCycle,
                    () -> page.evaluate(CHARTS) + ", page errors: " + page.errors());

            JsonNode charts = page.evaluate(CHARTS);
            for (String name : List.of("process", "memory", "attacks")) {
                JsonNode chart = charts.path("charts").path(name);
                assertThat(chart.path("legend").toString()).as(name)
                        .isEqualTo("[\"machine 4\",\"machine 5\",\"machine 6\",\"machine 7\",\"machine 8\"]");
                for (JsonNode line : chart.path("lines")) {
                    assertThat(line.path("inside").asInt()).as("%s %s laid out in the plot", name, line.path("label"))
                            .isEqualTo(line.path("points").asInt());
                    assertThat(line.path("painted").asInt()).as("%s %s painted", name, line.path("label"))
                            .isGreaterThanOrEqualTo(line.path("inside").asInt() * 9 / 10);
                }
            }
            assertThat(charts.at("/charts/process/lines/0/points").asInt()).as("cycles of ten minutes").isGreaterThan(100);
            assertThat(charts.at("/charts/attacks/lines/2/points").asInt()).as("2-minute windows").isGreaterThanOrEqualTo(4);

            JsonNode after = page.evaluate(TEXTS);
            for (String card : List.of("process", "memory", "attacks")) {
                assertThat(after.path("empty").path(card).isNull()).as("%s: %s", card, after.path("empty")).isTrue();
            }
            assertThat(after.path("banner").isNull()).as("banner: %s", after.path("banner")).isTrue();
            assertThat(after.path("untracked").isNull()).as("untracked: %s", after.path("untracked")).isTrue();
            assertThat(after.path("pill").asText()).isEqualTo("live");
            assertThat(after.path("updated").asText()).matches("updated \\d\\d:\\d\\d:\\d\\d");
            assertThat(after.path("summaries").toString()).contains("Newest cycle", "rows in the last 2 minutes",
                    "potential attacks");

            // the same history's web log and streaming-job records fill the other panels
            Await.until("the web log and detection panels to draw", WAIT, () -> page.evaluate(OTHER_PANELS).asBoolean(),
                    () -> page.evaluate(TEXTS) + ", page errors: " + page.errors());
            byte[] png = page.screenshot();
            Files.write(TARGET.resolve("dashboard.png"), png);
            assertThat(page.errors()).as("errors the page reported").isEmpty();
            assertThat(page.evaluate("window.stophack.lastError").isNull()).isTrue();

            // 3. twenty unknown machines write too, over the limit of five: the page says so, the lines stay
            long ts = System.currentTimeMillis() / 1000;
            for (int i = 1; i <= INTRUDERS; i++) {
                String machine = "intruder-" + i;
                producer.send(new ProducerRecord<>(Topics.PROCESS, machine.getBytes(StandardCharsets.UTF_8),
                        events.next(EventKind.PROCESS, machine, ts)));
            }
            producer.flush();
            Await.until("the page to say that machines are not tracked", WAIT,
                    () -> !page.evaluate(TEXTS).path("untracked").isNull(),
                    () -> page.evaluate(TEXTS) + ", page errors: " + page.errors());
            JsonNode limited = page.evaluate(TEXTS);
            assertThat(limited.path("untracked").asText()).contains("Not tracked: " + INTRUDERS + " machines",
                    "5 machines at most", "--max-machines", "machine_limit");
            assertThat(limited.path("banner").isNull()).as("banner: %s", limited.path("banner")).isTrue();
            assertThat(page.evaluate(CHARTS).at("/charts/process/legend").toString())
                    .isEqualTo("[\"machine 4\",\"machine 5\",\"machine 6\",\"machine 7\",\"machine 8\"]");
            Files.write(TARGET.resolve("dashboard-untracked.png"), page.screenshot());
            assertThat(page.errors()).as("errors the page reported").isEmpty();
            String docs = System.getProperty("stophack.screenshot");
            if (docs != null && !docs.isBlank()) { // only a page that passed goes into the docs
                Files.createDirectories(Path.of(docs).toAbsolutePath().getParent());
                Files.write(Path.of(docs), png);
            }
        } finally {
            flowing.set(false);
            if (live != null) {
                live.join(10_000);
            }
            apps.forEach(ConsumerApp::close);
        }
        assertThat(chromium).isNotNull();
    }

    /** Every chart has a line per machine with at least two points, and the process chart has a live cycle. */
    private static boolean allDrawn(JsonNode state, long liveFrom) {
        if (state == null || state.isNull()) {
            return false;
        }
        for (String name : List.of("process", "memory", "attacks")) {
            JsonNode lines = state.path("charts").path(name).path("lines");
            if (lines.size() != MACHINES.size()) {
                return false;
            }
            for (JsonNode line : lines) {
                if (line.path("points").asInt() < 2) {
                    return false;
                }
            }
        }
        return state.at("/charts/process/lines/0/lastX").asLong() >= liveFrom;
    }

    /** Sends cycles as the producers would, on the 5 s and 10 s marks, and updates the open attack window. */
    private static void flow(DemoTraffic traffic, KafkaProducer<byte[], byte[]> producer, long from, AtomicBoolean on) {
        long nextProcess = from;
        long nextMemory = DemoTraffic.align(from, DemoTraffic.MEMORY_EVERY) + DemoTraffic.MEMORY_EVERY;
        while (on.get()) {
            long now = System.currentTimeMillis();
            if (now >= nextProcess) {
                traffic.processCycle(nextProcess);
                long window = DemoTraffic.align(nextProcess, DemoTraffic.WINDOW);
                traffic.attackWindow(window, window + DemoTraffic.WINDOW,
                        Math.min(1.0, (nextProcess - window + DemoTraffic.PROCESS_EVERY) / (double) DemoTraffic.WINDOW));
                nextProcess += DemoTraffic.PROCESS_EVERY;
            }
            if (now >= nextMemory) {
                traffic.memoryCycle(nextMemory);
                nextMemory += DemoTraffic.MEMORY_EVERY;
            }
            producer.flush();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static ConsumerApp start(String group, List<ConsumerApp> apps, int maxMachines) throws Exception {
        ConsumerApp app = new ConsumerApp(new ConsumerApp.Settings(services.kafkaConnection(), group,
                Duration.ofMinutes(2), Duration.ofMinutes(10), "127.0.0.1", 0, Duration.ofSeconds(5),
                Duration.ofSeconds(30), maxMachines), Clock.systemUTC()).start();
        apps.add(app);
        return app;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }
}
