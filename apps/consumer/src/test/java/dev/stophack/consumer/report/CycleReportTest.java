package dev.stophack.consumer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.live.Batch;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.live.ManualClock;
import dev.stophack.consumer.parse.SkipReason;
import dev.stophack.consumer.window.AttackCount;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CycleReportTest {
    private static final long T0 = Instant.parse("2024-05-01T10:04:05Z").toEpochMilli();
    private final LiveCounts counts = new LiveCounts(new ManualClock(T0), Duration.ofMinutes(2), Duration.ofMinutes(10), 200);

    @Test
    void saysWhatToStartWhileNothingFlows() {
        assertThat(CycleReport.line(counts.snapshot(), new CycleReport.KafkaView("127.0.0.1:9092", 0, 0)))
                .isEqualTo("waiting for Kafka at 127.0.0.1:9092 (no partitions assigned yet; is it running? ./stophack kafka)");
        assertThat(CycleReport.line(counts.snapshot(), new CycleReport.KafkaView("127.0.0.1:9092", 6, 0)))
                .startsWith("connected to 127.0.0.1:9092 (6 partitions), no events yet: start the producers");
    }

    @Test
    void showsTheNewestCycleTheMemoryWindowAndTheNewestAttackWindowPerMachine() {
        Batch b = new Batch();
        for (int i = 0; i < 23; i++) {
            b.process("4", T0 / 1000);
        }
        for (int i = 0; i < 41; i++) {
            b.process("5", T0 / 1000);
        }
        b.memory("4", T0 - 1_000);
        b.memory("5", T0 - 1_000);
        b.memory("5", T0 - 1_000);
        b.counted(Topics.PROCESS, 64, T0);
        b.counted(Topics.MEMORY, 3, T0);
        b.skipped(Topics.PROCESS, SkipReason.NO_TS);
        b.attack(new AttackCount("5", T0 - 125_000, T0 - 5_000, 3));
        b.counted(Topics.ATTACK_COUNTS, 1, T0);
        counts.apply(b);

        assertThat(CycleReport.line(counts.snapshot(), new CycleReport.KafkaView("k:9092", 6, 12))).isEqualTo(
                "process cycle 10:04:05 UTC: 4=23 5=41 (64 rows) | memory last 2m: 4=1 5=2 (3 rows)"
                        + " | attacks 10:02:00-10:04:00: 5=3 | lag 12 | skipped 1");
    }
}
