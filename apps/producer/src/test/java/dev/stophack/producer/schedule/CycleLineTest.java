package dev.stophack.producer.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.producer.source.MachineRows;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleLineTest {
    private static final MachineRows FOUR = new MachineRows("4", new String[][] {{"4"}});
    private static final MachineRows FIVE = new MachineRows("5", new String[][] {{"5"}});

    private static List<Integer> rows(int n) {
        return Collections.nCopies(n, 0);
    }

    @Test
    void oneLinePerCycleWithEachMachinesCount() {
        Cycle cycle = new Cycle(42, 1_700_000_000L, List.of(
                new Batch(FOUR, 0, rows(0), rows(31), rows(0)),
                new Batch(FIVE, 0, rows(0), rows(12), rows(0))));
        assertThat(CycleLine.format(EventKind.PROCESS, cycle, false, 3))
                .isEqualTo("cycle 42 process machine=4:31 5:12 events=43 ts=1700000000 lag=3ms");
    }

    @Test
    void memoryLinesSayWhatLeftLateAndWhatIsHeld() {
        Cycle cycle = new Cycle(7, 1_700_000_070L, List.of(
                new Batch(FOUR, 1_700_000_060L, rows(2), rows(40), rows(5)),
                new Batch(FIVE, 1_700_000_060L, rows(0), rows(25), rows(1))));
        assertThat(CycleLine.format(EventKind.MEMORY, cycle, true, 0))
                .isEqualTo("cycle 7 memory machine=4:40 5:25 late=4:2 5:0 held=4:5 5:1 events=67 ts=1700000070 lag=0ms");
    }
}
