package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.Http;
import dev.stophack.consumer.testing.RawRecords;
import dev.stophack.consumer.testing.TestSettings;
import dev.stophack.testkit.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Machine ids are record keys, so anyone who can write to the topics chooses them. A flood of
 * 100,000 distinct keys must leave the consumer with at most {@code --max-machines} of them in
 * memory, in {@code /api/series} and in {@code /metrics}, the real machines still counted, and
 * the refusal visible.
 */
class MachineLimitTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 50;
    private static final int FLOOD = 100_000;
    private static final int SMALL_FLOOD = 1_000;

    @Test
    void aFloodOfMachineIdsIsCappedCountedAsRefusedAndTheRealMachinesKeepCounting() throws Exception {
        long ts0 = System.currentTimeMillis() / 1000 - 20;
        long window = (ts0 / 120 - 1) * 120;
        try (RawRecords kafka = new RawRecords(services.bootstrapServers());
             ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), "flood", MAX),
                     Clock.systemUTC()).start()) {
            for (String machine : List.of("4", "5")) {
                process(kafka, machine, ts0, 10);
                for (int i = 0; i < 5; i++) {
                    kafka.send(Topics.MEMORY, machine, "{\"PID\":1,\"ts\":" + ts0 + "}");
                }
                kafka.send(Topics.ATTACK_COUNTS, machine, attack(window, 1));
            }
            kafka.flush();
            awaitRead(app, 20, 10, 2);

            for (int i = 0; i < FLOOD; i++) {
                process(kafka, "intruder-" + i, ts0, 1);
            }
            for (int i = 0; i < SMALL_FLOOD; i++) {
                kafka.send(Topics.MEMORY, "intruder-m" + i, "{\"PID\":1,\"ts\":" + ts0 + "}");
                kafka.send(Topics.ATTACK_COUNTS, "intruder-a" + i, attack(window, 1));
            }
            process(kafka, "4", ts0 + 5, 7); // a tracked machine keeps counting after the flood
            kafka.flush();
            awaitRead(app, 20 + FLOOD + 7, 10 + SMALL_FLOOD, 2 + SMALL_FLOOD);

            String body = Http.get(app.url() + "api/series").body();
            assertThat(body.length()).as("/api/series stays small").isLessThan(200_000);
            JsonNode series = JSON.readTree(body);
            Set<String> drawn = new HashSet<>();
            for (String chart : List.of("process", "memory", "attacks")) {
                series.path(chart).path("lines").fieldNames().forEachRemaining(drawn::add);
            }
            assertThat(drawn).as("machines on the charts").hasSize(MAX).contains("4", "5");
            assertThat(series.at("/process/lines/4").toString()).isEqualTo("[10,7]");
            assertThat(series.at("/memory/now/5").asLong()).isEqualTo(5);

            JsonNode machines = series.at("/status/machines");
            assertThat(machines.path("tracked").asInt()).isEqualTo(MAX);
            assertThat(machines.path("max").asInt()).isEqualTo(MAX);
            assertThat(machines.path("untracked").asInt()).as("distinct names remembered, at most")
                    .isEqualTo(10_000);
            assertThat(machines.path("untrackedAtLeast").asBoolean()).as("more than it remembers").isTrue();
            long refusedRows = 0;
            for (String topic : List.of(Topics.PROCESS, Topics.MEMORY, Topics.ATTACK_COUNTS)) {
                refusedRows += series.at("/status/topics/" + topic + "/skipped/machine_limit").asLong();
            }
            assertThat(refusedRows).isEqualTo(FLOOD + 2L * SMALL_FLOOD - (MAX - 2));

            String metrics = Http.get(app.url() + "metrics").body();
            assertThat(metrics.length()).as("/metrics stays small").isLessThan(100_000);
            assertThat(metrics).contains("stophack_consumer_machines_tracked " + MAX + ".0",
                    "stophack_consumer_machines_max " + MAX + ".0", "stophack_consumer_machines_untracked 10000.0",
                    "stophack_consumer_skipped_records_total{reason=\"machine_limit\",topic=\"process\"}");
        }
    }

    private static void process(RawRecords kafka, String machine, long ts, int rows) {
        for (int i = 0; i < rows; i++) {
            kafka.send(Topics.PROCESS, machine, "{\"PID\":" + i + ",\"ts\":" + ts + "}");
        }
    }

    private static String attack(long windowStartSeconds, long count) {
        return "{\"window_start\":" + windowStartSeconds + ",\"window_end\":" + (windowStartSeconds + 120)
                + ",\"count\":" + count + "}";
    }

    private static void awaitRead(ConsumerApp app, long process, long memory, long attacks) {
        Await.until("records read " + process + "/" + memory + "/" + attacks, WAIT, () -> {
            Snapshot s = app.counts().snapshot();
            return read(s, Topics.PROCESS) >= process && read(s, Topics.MEMORY) >= memory
                    && read(s, Topics.ATTACK_COUNTS) >= attacks;
        }, () -> app.counts().snapshot().topics());
    }

    private static long read(Snapshot s, String topic) {
        return s.topic(topic).counted() + s.topic(topic).skippedTotal();
    }
}
