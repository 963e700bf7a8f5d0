package dev.stophack.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCyclesTest {
    private static final long TS = 1_700_000_000L;

    @Test
    void countsRowsPerMachinePerCycleByEventTime() {
        ProcessCycles cycles = new ProcessCycles(600);
        cycles.add("4", TS, 23);
        cycles.add("5", TS, 41);
        cycles.add("4", TS + 5, 10);
        cycles.add("4", TS, 2); // arrives late, after the next cycle started: still its own cycle

        assertThat(cycles.count("4", TS)).isEqualTo(25);
        assertThat(cycles.count("5", TS)).isEqualTo(41);
        assertThat(cycles.count("5", TS + 5)).isZero();
        assertThat(cycles.newestCycle()).isEqualTo(TS + 5);
        assertThat(cycles.cycle(TS)).containsExactly(Map.entry("4", 25L), Map.entry("5", 41L));
    }

    @Test
    void seriesHasOnePointPerCycleAndGapsWhereAMachineSentNothing() {
        ProcessCycles cycles = new ProcessCycles(600);
        cycles.add("10", TS, 12);
        cycles.add("4", TS, 30);
        cycles.add("4", TS + 5, 50);

        Series s = cycles.series();
        assertThat(s.x()).containsExactly(TS * 1000, (TS + 5) * 1000);
        assertThat(s.lines().keySet()).as("numeric machine order").containsExactly("4", "10");
        assertThat(s.lines().get("4")).containsExactly(30L, 50L);
        assertThat(s.lines().get("10")).containsExactly(12L, null);
    }

    @Test
    void forgetsCyclesOlderThanTheHistoryAndCountsRowsThatWouldLandThere() {
        ProcessCycles cycles = new ProcessCycles(60);
        for (long ts = TS; ts <= TS + 120; ts += 5) {
            cycles.add("6", ts, 10);
        }
        assertThat(cycles.series().x()).first().isEqualTo((TS + 60) * 1000);
        assertThat(cycles.series().x()).hasSize(13);

        cycles.add("6", TS + 59, 4);
        cycles.add("6", TS + 60, 1);
        assertThat(cycles.tooOld()).isEqualTo(4);
        assertThat(cycles.count("6", TS + 60)).isEqualTo(11);
        assertThat(Arrays.asList(cycles.series().lines().get("6").toArray())).doesNotContainNull();
    }
}
