package dev.stophack.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.live.Batch;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.live.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumerMetricsTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void aMachineNoLongerTrackedLeavesTheMetricsSoTheyStayBounded() {
        ManualClock clock = new ManualClock(T0);
        LiveCounts counts = new LiveCounts(clock, Duration.ofMinutes(2), Duration.ofMinutes(10), 2);
        ConsumerMetrics metrics = new ConsumerMetrics(new ConsumerStatus("127.0.0.1:9", "g"));
        arrive(counts, clock, "4", "5");
        assertThat(metrics.scrape(counts.snapshot())).contains("stophack_consumer_memory_window_rows{machine=\"4\"} 1.0",
                "stophack_consumer_memory_window_rows{machine=\"5\"} 1.0", "stophack_consumer_machines_tracked 2.0");

        clock.advance(Duration.ofMinutes(12).toMillis() + 1);
        arrive(counts, clock, "6"); // 4 and 5 have aged out: their places are free
        arrive(counts, clock, "7");
        String scraped = metrics.scrape(counts.snapshot());
        assertThat(scraped).contains("stophack_consumer_memory_window_rows{machine=\"6\"} 1.0",
                "stophack_consumer_memory_window_rows{machine=\"7\"} 1.0");
        assertThat(scraped).doesNotContain("machine=\"4\"", "machine=\"5\"");
    }

    private static void arrive(LiveCounts counts, ManualClock clock, String... machines) {
        Batch batch = new Batch();
        for (String m : machines) {
            batch.memory(m, clock.millis());
        }
        batch.counted(Topics.MEMORY, machines.length, clock.millis());
        counts.apply(batch);
        clock.advance(1_000);
    }
}
