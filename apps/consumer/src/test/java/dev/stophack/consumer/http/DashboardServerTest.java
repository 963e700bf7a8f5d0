package dev.stophack.consumer.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.live.Batch;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.live.ManualClock;
import dev.stophack.consumer.metrics.ConsumerMetrics;
import dev.stophack.consumer.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side on a real socket, fed by hand-built counts (no Kafka: its consumer thread never ran). */
class DashboardServerTest {
    private static final long T0 = 1_700_000_000_000L;
    private LiveCounts counts;
    private DashboardServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        counts = new LiveCounts(new ManualClock(T0), Duration.ofMinutes(2), Duration.ofMinutes(10), 200);
        ConsumerStatus status = new ConsumerStatus("127.0.0.1:9", "g");
        server = new DashboardServer("127.0.0.1", 0, counts, status, new ConsumerMetrics(status)).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageItsScriptsAndTheChartLibraryFromTheJar() {
        HttpResponse<String> page = Http.get(base + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<title>stophack · live telemetry</title>", "vendor/chart.umd.js");
        assertThat(page.body()).doesNotContain("https://", "http://");

        HttpResponse<String> chart = Http.get(base + "/vendor/chart.umd.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(chart.body()).contains("Chart.js v" + StaticResources.chartJsVersion());
        assertThat(Http.get(base + "/dashboard.js").body()).contains("api/series");
        assertThat(Http.get(base + "/dashboard.css").statusCode()).isEqualTo(200);
    }

    @Test
    void answersTheSeriesAsJson() {
        Batch b = new Batch();
        b.process("4", T0 / 1000);
        b.memory("4", T0 - 5_000);
        b.counted(Topics.PROCESS, 1, T0);
        b.counted(Topics.MEMORY, 1, T0);
        counts.apply(b);

        HttpResponse<String> all = Http.get(base + "/api/series");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(all.body()).contains("\"process\":{\"x\":[" + T0 + "],\"lines\":{\"4\":[1]}",
                "\"windowSeconds\":120", "\"bootstrap\":\"127.0.0.1:9\"");
        assertThat(Http.get(base + "/api/memory").body()).contains("\"now\":{\"4\":1}");
        assertThat(Http.get(base + "/api/attacks").body()).contains("\"lines\":{}");
        assertThat(Http.get(base + "/api/status").body()).contains("\"group\":\"g\"");
        assertThat(Http.get(base + "/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void reportsMetricsHealthAndRefusesWhatItDoesNotServe() {
        HttpResponse<String> metrics = Http.get(base + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains("stophack_consumer_assigned_partitions 0.0", "jvm_memory_used_bytes",
                "stophack_consumer_running 0.0", "stophack_consumer_restarts_total 0.0");

        HttpResponse<String> health = Http.get(base + "/healthz");
        assertThat(health.statusCode()).as("the consumer thread never ran").isEqualTo(503);
        assertThat(health.body()).contains("consumer thread not started", "\"restarts\":0");

        assertThat(Http.get(base + "/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = Http.send(HttpRequest.newBuilder(URI.create(base + "/api/series"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
