package dev.stophack.consumer.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.parse.SkipReason;
import dev.stophack.consumer.window.AttackCount;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-built producer traffic with known counts, fed the way the Kafka thread feeds it
 * (record by record into a batch, a batch per poll), read back the way the dashboard reads it.
 */
class LiveCountsTest {
    private static final long T0 = 1_700_000_000_000L;
    private final ManualClock clock = new ManualClock(T0);
    private final LiveCounts counts = new LiveCounts(clock, Duration.ofMinutes(2), Duration.ofMinutes(10), 200);
    private final Batch batch = new Batch();

    private void poll() {
        counts.apply(batch);
        batch.clear();
    }

    @Test
    void processRowsAreCountedPerMachinePerCycle() {
        long[][] rows = {{23, 41, 12}, {50, 10, 33}, {17, 29, 44}}; // cycle x machine 4,5,6
        for (int cycle = 0; cycle < rows.length; cycle++) {
            long ts = T0 / 1000 + 5L * cycle;
            for (int m = 0; m < 3; m++) {
                for (int r = 0; r < rows[cycle][m]; r++) {
                    batch.process(String.valueOf(4 + m), ts);
                }
            }
            batch.counted(Topics.PROCESS, rows[cycle][0] + rows[cycle][1] + rows[cycle][2], clock.millis());
            poll();
            clock.advance(5_000);
        }
        Snapshot s = counts.snapshot();

        assertThat(s.process().x()).containsExactly(T0, T0 + 5_000, T0 + 10_000);
        assertThat(s.process().lines().get("4")).containsExactly(23L, 50L, 17L);
        assertThat(s.process().lines().get("5")).containsExactly(41L, 10L, 29L);
        assertThat(s.process().lines().get("6")).containsExactly(12L, 33L, 44L);
        assertThat(s.newestCycleTs()).isEqualTo(T0 / 1000 + 10);
        assertThat(s.newestCycle()).containsExactly(Map.entry("4", 17L), Map.entry("5", 29L), Map.entry("6", 44L));
        assertThat(s.topic(Topics.PROCESS).counted()).isEqualTo(259);
    }

    @Test
    void memoryCountsSlideOverTwoMinutesOfArrivalTime() {
        // every 10 s, machine 7 sends 40 rows and 2 late rows of the cycle before (their ts is old,
        // but by processing time they arrive now)
        for (int cycle = 0; cycle <= 12; cycle++) {
            for (int r = 0; r < 40 + (cycle > 0 ? 2 : 0); r++) {
                batch.memory("7", clock.millis());
            }
            poll();
            if (cycle < 12) {
                clock.advance(10_000);
            }
        }
        // now = T0 + 120 s: the first cycle's 40 rows have just left the window
        assertThat(counts.snapshot().memoryNow()).containsExactly(Map.entry("7", 12 * 42L));
        clock.advance(-1);
        assertThat(counts.snapshot().memoryNow()).as("1 ms earlier: first cycle in, last one not yet arrived")
                .containsExactly(Map.entry("7", 40 + 11 * 42L));
        clock.advance(1 + 110_000);
        assertThat(counts.snapshot().memoryNow()).as("only the last cycle remains").containsExactly(Map.entry("7", 42L));
        Snapshot s = counts.snapshot();
        assertThat(s.memory().last("7")).isEqualTo(42L);
        assertThat(s.memory().lines().get("7")).as("the peak, 12 full cycles, is in the history").contains(12 * 42L)
                .allMatch(n -> n <= 12 * 42L);
    }

    @Test
    void attackWindowsKeepTheLastValueAndTalliesCountSkips() {
        batch.attack(new AttackCount("4", T0, T0 + 120_000, 1));
        batch.attack(new AttackCount("4", T0, T0 + 120_000, 4));
        batch.counted(Topics.ATTACK_COUNTS, 2, T0);
        batch.skipped(Topics.ATTACK_COUNTS, SkipReason.NO_WINDOW);
        poll();

        Snapshot s = counts.snapshot();
        assertThat(s.attacks().lines().get("4")).containsExactly(4L);
        assertThat(s.topic(Topics.ATTACK_COUNTS).counted()).isEqualTo(2);
        assertThat(s.topic(Topics.ATTACK_COUNTS).skipped()).containsExactly(Map.entry("no_window", 1L));
        assertThat(s.topic(Topics.ATTACK_COUNTS).lastArrivalMillis()).isEqualTo(T0);
        assertThat(s.topic(Topics.MEMORY)).isEqualTo(TopicStats.NONE);
        assertThat(s.anything()).isTrue();
    }

    @Test
    void rowsOfMachinesOverTheLimitAreSkippedUntilAPlaceIsFree() {
        LiveCounts two = new LiveCounts(clock, Duration.ofMinutes(2), Duration.ofMinutes(10), 2);
        for (String m : new String[] {"4", "5"}) {
            for (int i = 0; i < 10; i++) {
                batch.memory(m, clock.millis());
            }
        }
        batch.counted(Topics.MEMORY, 20, clock.millis());
        two.apply(batch);
        batch.clear();
        for (int i = 0; i < 10; i++) {
            batch.memory("6", clock.millis());
        }
        for (int i = 0; i < 3; i++) {
            batch.process("6", T0 / 1000);
        }
        batch.attack(new AttackCount("6", T0, T0 + 120_000, 1));
        batch.counted(Topics.MEMORY, 10, clock.millis());
        batch.counted(Topics.PROCESS, 3, clock.millis());
        batch.counted(Topics.ATTACK_COUNTS, 1, clock.millis());
        two.apply(batch);
        batch.clear();

        Snapshot s = two.snapshot();
        assertThat(s.memoryNow()).containsOnlyKeys("4", "5");
        assertThat(s.process().isEmpty()).isTrue();
        assertThat(s.topic(Topics.MEMORY).counted()).isEqualTo(20);
        assertThat(s.topic(Topics.MEMORY).skipped()).containsExactly(Map.entry("machine_limit", 10L));
        assertThat(s.topic(Topics.PROCESS).skipped()).containsExactly(Map.entry("machine_limit", 3L));
        assertThat(s.topic(Topics.ATTACK_COUNTS).skipped()).containsExactly(Map.entry("machine_limit", 1L));
        assertThat(s.machines()).isEqualTo(new MachineStats(2, 2, 1, false));

        // machine 5 goes quiet: once its arrivals are older than history + window, its place is free
        clock.advance(Duration.ofMinutes(12).toMillis() + 1);
        batch.memory("4", clock.millis());
        batch.counted(Topics.MEMORY, 1, clock.millis());
        two.apply(batch); // 4 stays tracked; 5's arrivals are evicted and its place freed
        batch.clear();
        batch.memory("6", clock.millis());
        batch.counted(Topics.MEMORY, 1, clock.millis());
        two.apply(batch);
        batch.clear();
        assertThat(two.snapshot().memoryNow()).containsOnlyKeys("4", "6");
        assertThat(two.snapshot().machines()).isEqualTo(new MachineStats(2, 2, 0, false));
    }

    @Test
    void theKafkaThreadFreesPlacesByItselfWhenNobodyLooks() {
        LiveCounts one = new LiveCounts(clock, Duration.ofMinutes(2), Duration.ofMinutes(10), 1);
        batch.memory("4", clock.millis());
        batch.counted(Topics.MEMORY, 1, clock.millis());
        one.apply(batch);
        batch.clear();
        clock.advance(Duration.ofMinutes(12).toMillis() + 1);
        batch.memory("5", clock.millis()); // no snapshot in between: apply alone must evict machine 4
        batch.counted(Topics.MEMORY, 1, clock.millis());
        one.apply(batch);
        batch.clear();
        assertThat(one.snapshot().memoryNow()).containsOnlyKeys("5");
    }

    @Test
    void aBatchFoldsConsecutiveRowsOfOneMachineAndCycle() {
        for (int i = 0; i < 1000; i++) {
            batch.process("4", 100);
        }
        batch.process("5", 100);
        batch.process("4", 100);
        batch.flushRun();
        assertThat(batch.process).containsExactly(new Batch.ProcessRun("4", 100, 1000),
                new Batch.ProcessRun("5", 100, 1), new Batch.ProcessRun("4", 100, 1));
    }
}
