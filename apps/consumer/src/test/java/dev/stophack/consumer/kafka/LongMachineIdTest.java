package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.parse.MachineIds;
import dev.stophack.consumer.testing.Await;
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
 * Machine ids are untrusted: a key (or a {@code machine} field) of hundreds of kilobytes would be
 * kept as a map key, a metric label and a chart legend. Such records are skipped.
 */
class LongMachineIdTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void recordsOfAnOverlongMachineIdAreSkippedAndTheOthersCount(@TempDir Path dir) throws Exception {
        TelemetryEvents events = new TelemetryEvents(dir, 100);
        long ts = System.currentTimeMillis() / 1000 - 10;
        long window = (ts / 120 - 1) * 120;
        String longest = "m".repeat(MachineIds.MAX_LENGTH);
        String tooLong = "x".repeat(200_000);
        try (RawRecords kafka = new RawRecords(services.bootstrapServers())) {
            for (String machine : new String[] {"4", longest, tooLong}) {
                kafka.send(Topics.PROCESS, machine, events.next(EventKind.PROCESS, machine, ts), null);
                kafka.send(Topics.MEMORY, machine, events.next(EventKind.MEMORY, machine, ts), null);
                kafka.send(Topics.ATTACK_COUNTS, machine, "{\"window_start\":" + window + ",\"window_end\":"
                        + (window + 120) + ",\"count\":1}");
            }
            // no key: the machine comes from the value
            kafka.send(Topics.PROCESS, null, RawRecords.bytes("{\"machine\":\"" + tooLong + "\",\"ts\":" + ts + "}"), null);
            kafka.send(Topics.ATTACK_COUNTS, "4", "{\"window_start\":\"" + Instant.ofEpochSecond(window)
                    + "\",\"window_end\":" + (window + 120) + ",\"machine\":\"" + tooLong + "\",\"count\":1}");
            kafka.flush();
        }

        try (ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "long-ids"),
                Clock.systemUTC()).start()) {
            Await.until("every record read", WAIT, () -> {
                Snapshot s = app.counts().snapshot();
                return read(s, Topics.PROCESS) >= 4 && read(s, Topics.MEMORY) >= 3 && read(s, Topics.ATTACK_COUNTS) >= 4;
            }, () -> app.counts().snapshot().topics());

            Snapshot s = app.counts().snapshot();
            assertThat(s.process().lines().keySet()).extracting(String::length).containsExactly(1, 128);
            assertThat(s.memoryNow().keySet()).extracting(String::length).containsExactly(1, 128);
            assertThat(s.attacks().lines().keySet()).extracting(String::length).containsExactly(1, 128);
            assertThat(s.topic(Topics.PROCESS).skipped()).containsExactly(Map.entry("machine_too_long", 2L));
            assertThat(s.topic(Topics.MEMORY).skipped()).containsExactly(Map.entry("machine_too_long", 1L));
            assertThat(s.topic(Topics.ATTACK_COUNTS).skipped()).containsExactly(Map.entry("machine_too_long", 2L));
        }
    }

    private static long read(Snapshot s, String topic) {
        return s.topic(topic).counted() + s.topic(topic).skippedTotal();
    }
}
