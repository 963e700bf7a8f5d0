package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.Http;
import dev.stophack.consumer.testing.RawRecords;
import dev.stophack.consumer.testing.TelemetryEvents;
import dev.stophack.consumer.testing.TestSettings;
import dev.stophack.testkit.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row stamped hours ahead of the clock (a wrong producer clock, or on purpose) must not become
 * the newest cycle or window: that would push every real one out of the history as too old.
 */
class FutureTimestampTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void rowsAheadOfTheClockAreSkippedAndTheRealCyclesAndWindowsStay(@TempDir Path dir) throws Exception {
        TelemetryEvents events = new TelemetryEvents(dir, 100);
        long now = System.currentTimeMillis() / 1000;
        long ts0 = now - 30;
        long aDayAhead = now + 23 * 3600; // within the day the consumer used to accept
        long w0 = (now / 120 - 1) * 120;
        try (RawRecords kafka = new RawRecords(services.bootstrapServers())) {
            // one key, so one partition: the consumer reads these in this order
            sendProcess(kafka, events, ts0, 10);
            sendProcess(kafka, events, ts0 + 5, 11);
            sendProcess(kafka, events, aDayAhead, 1);
            sendProcess(kafka, events, ts0 + 10, 12);
            kafka.send(Topics.ATTACK_COUNTS, "4", attack(w0, 2));
            kafka.send(Topics.ATTACK_COUNTS, "4", attack(aDayAhead / 120 * 120, 99));
            kafka.send(Topics.ATTACK_COUNTS, "4", attack(w0 + 120, 3));
            kafka.flush();
        }

        try (ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "future-ts"),
                Clock.systemUTC()).start()) {
            Await.until("every record read", WAIT, () -> {
                Snapshot s = app.counts().snapshot();
                return read(s, Topics.PROCESS) >= 34 && read(s, Topics.ATTACK_COUNTS) >= 3;
            }, () -> app.counts().snapshot().topics());

            Snapshot s = app.counts().snapshot();
            assertThat(s.process().x()).containsExactly(ts0 * 1000, (ts0 + 5) * 1000, (ts0 + 10) * 1000);
            assertThat(s.process().lines().get("4")).containsExactly(10L, 11L, 12L);
            assertThat(s.topic(Topics.PROCESS).skipped()).containsExactly(Map.entry("ts_ahead", 1L));
            assertThat(s.attacks().x()).containsExactly(w0 * 1000, (w0 + 120) * 1000);
            assertThat(s.attacks().lines().get("4")).containsExactly(2L, 3L);
            assertThat(s.topic(Topics.ATTACK_COUNTS).skipped()).containsExactly(Map.entry("window_ahead", 1L));
            assertThat(Http.get(app.url() + "metrics").body())
                    .contains("stophack_consumer_skipped_records_total{reason=\"ts_ahead\",topic=\"process\"} 1.0")
                    .contains("stophack_consumer_skipped_records_total{reason=\"window_ahead\",topic=\"attack-counts\"} 1.0");
        }
    }

    private static void sendProcess(RawRecords kafka, TelemetryEvents events, long ts, int rows) {
        for (int i = 0; i < rows; i++) {
            kafka.send(Topics.PROCESS, "4", events.next(EventKind.PROCESS, "4", ts), null);
        }
    }

    private static String attack(long windowStartSeconds, long count) {
        return "{\"window_start\":\"" + Instant.ofEpochSecond(windowStartSeconds) + "\",\"window_end\":"
                + (windowStartSeconds + 120) + ",\"machine\":\"4\",\"count\":" + count + "}";
    }

    private static long read(Snapshot s, String topic) {
        return s.topic(topic).counted() + s.topic(topic).skippedTotal();
    }
}
