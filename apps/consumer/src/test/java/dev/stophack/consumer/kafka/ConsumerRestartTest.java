package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.BreakableClock;
import dev.stophack.consumer.testing.Http;
import dev.stophack.consumer.testing.RawRecords;
import dev.stophack.consumer.testing.TestSettings;
import dev.stophack.testkit.TestServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A runtime failure inside the counting thread must not end counting for good: the thread is
 * restarted with back-off, {@code /healthz} is 503 and says why while it is down, restarts are
 * counted in {@code /metrics}, and once it is back every record is counted exactly once.
 */
class ConsumerRestartTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern RESTARTS = Pattern.compile("(?m)^stophack_consumer_restarts_total (\\d+)\\.0$");

    @Test
    void aFailingCountingThreadIsRestartedAndCountsEveryRecordOnce() throws Exception {
        BreakableClock clock = new BreakableClock("kafka-consumer");
        long ts = System.currentTimeMillis() / 1000 - 10;
        try (RawRecords kafka = new RawRecords(services.bootstrapServers());
             ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "restarts"), clock)
                     .start()) {
            send(kafka, ts, 10);
            awaitCounted(app, 10);
            assertThat(Http.get(app.url() + "healthz").statusCode()).isEqualTo(200);

            clock.breakIt();
            Await.until("/healthz to report the failure", WAIT, () -> {
                HttpResponse<String> health = Http.get(app.url() + "healthz");
                return health.statusCode() == 503 && health.body().contains("the clock broke");
            }, () -> Http.get(app.url() + "healthz").body());
            send(kafka, ts, 5); // written while counting is down
            Await.until("a second restart, after back-off", WAIT, () -> restarts(app) >= 2,
                    () -> Http.get(app.url() + "healthz").body());
            HttpResponse<String> down = Http.get(app.url() + "healthz");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"DOWN\"", "restarting", "IllegalStateException: the clock broke");

            clock.mend();
            Await.until("/healthz to be up again", WAIT, () -> Http.get(app.url() + "healthz").statusCode() == 200,
                    () -> Http.get(app.url() + "healthz").body());
            awaitCounted(app, 15);
            send(kafka, ts, 1);
            awaitCounted(app, 16);
            assertThat(app.counts().snapshot().process().lines().get("4")).as("every row once").containsExactly(16L);
            assertThat(Http.get(app.url() + "healthz").body()).contains("\"UP\"", "the clock broke");
            assertThat(Http.get(app.url() + "api/status").body()).contains("\"running\":true");
        }
    }

    private static void send(RawRecords kafka, long ts, int rows) {
        for (int i = 0; i < rows; i++) {
            kafka.send(Topics.PROCESS, "4", "{\"PID\":" + i + ",\"ts\":" + ts + "}");
        }
        kafka.flush();
    }

    private static void awaitCounted(ConsumerApp app, long n) {
        Await.until(n + " rows counted", WAIT, () -> app.counts().snapshot().topic(Topics.PROCESS).counted() >= n,
                () -> app.counts().snapshot().topics());
    }

    private static long restarts(ConsumerApp app) {
        Matcher m = RESTARTS.matcher(Http.get(app.url() + "metrics").body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
