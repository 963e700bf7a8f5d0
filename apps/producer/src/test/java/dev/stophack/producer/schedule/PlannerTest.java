package dev.stophack.producer.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.producer.source.MachineRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final ScheduleSettings PROCESS = ScheduleSettings.of(EventKind.PROCESS);
    private static final ScheduleSettings MEMORY = ScheduleSettings.of(EventKind.MEMORY);

    /** Rows are {machine, index}; the plan refers to them by index. */
    private static MachineRows machine(String id, int rows) {
        String[][] r = new String[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = new String[] {id, Integer.toString(i)};
        }
        return new MachineRows(id, r);
    }

    @Test
    void processCyclesSendTenToFiftyRowsPerMachineAndHoldNothing() {
        Planner planner = new Planner(List.of(machine("4", 1000), machine("5", 1000)), PROCESS, new SplittableRandom(1));
        List<Integer> counts = new ArrayList<>();
        for (int c = 1; c <= 500; c++) {
            Cycle cycle = planner.next(1_700_000_000L + 5L * c, true);
            assertThat(cycle.number()).isEqualTo(c);
            assertThat(cycle.batches()).extracting(Batch::machine).containsExactly("4", "5");
            for (Batch b : cycle.batches()) {
                assertThat(b.late()).isEmpty();
                assertThat(b.held()).isEmpty();
                counts.add(b.rows().size());
            }
        }
        assertThat(counts).allSatisfy(n -> assertThat(n).isBetween(10, 50));
        // drawn anew per machine per cycle, uniformly: both ends are reached, and the mean is near 30
        assertThat(counts).contains(10, 50);
        assertThat(counts.stream().mapToInt(Integer::intValue).average().orElseThrow()).isBetween(28.5, 31.5);
        assertThat(planner.held()).isZero();
    }

    @Test
    void eachMachineFollowsItsOwnSequenceAndWrapsToTheFirstRow() {
        // 7 and 23 rows: both run out within the first cycles and start again
        Planner planner = new Planner(List.of(machine("a", 7), machine("b", 23)), PROCESS, new SplittableRandom(2));
        Map<String, List<Integer>> sent = new HashMap<>();
        for (int c = 1; c <= 20; c++) {
            for (Batch b : planner.next(c, true).batches()) {
                b.rows().forEach(r -> sent.computeIfAbsent(b.machine(), k -> new ArrayList<>()).add(r));
            }
        }
        assertThat(planner.cursors()).allSatisfy(cursor -> assertThat(cursor.laps()).isPositive());
        for (var e : sent.entrySet()) {
            int size = e.getKey().equals("a") ? 7 : 23;
            List<Integer> order = e.getValue();
            for (int i = 0; i < order.size(); i++) {
                assertThat(order.get(i)).as("row %d of machine %s", i, e.getKey()).isEqualTo(i % size);
            }
        }
    }

    @Test
    void memoryRowsHeldBackLeaveExactlyOneCycleLaterWithTheirOwnTime() {
        Planner planner = new Planner(List.of(machine("4", 50), machine("5", 50), machine("6", 50)), MEMORY,
                new SplittableRandom(3));
        Cycle previous = null;
        int lateSeen = 0;
        for (int c = 1; c <= 200; c++) {
            long ts = 1_700_000_000L + 10L * c;
            Cycle cycle = planner.next(ts, true);
            for (int m = 0; m < 3; m++) {
                Batch b = cycle.batches().get(m);
                assertThat(b.rows().size()).isBetween(20, 80);
                assertThat(b.held().size()).isBetween(0, 5);
                if (previous == null) {
                    assertThat(b.late()).isEmpty();
                } else {
                    Batch before = previous.batches().get(m);
                    assertThat(b.late()).as("cycle %d machine %s", c, b.machine()).containsExactlyElementsOf(before.held());
                    assertThat(b.lateTs()).isEqualTo(previous.ts());
                    lateSeen += b.late().size();
                    // in sequence: last cycle's rows, then the held ones, then this cycle's rows
                    int afterPrevious = (last(before.rows()) + 1) % 50;
                    if (!b.late().isEmpty()) {
                        assertThat(b.late().get(0)).isEqualTo(afterPrevious);
                        afterPrevious = (last(b.late()) + 1) % 50;
                    }
                    assertThat(b.rows().get(0)).isEqualTo(afterPrevious);
                }
            }
            assertThat(planner.held()).isEqualTo(cycle.held());
            previous = cycle;
        }
        assertThat(lateSeen).isPositive();
    }

    @Test
    void aLastCycleHoldsNothingAndDrainingHandsOverWhatIsHeld() {
        Planner planner = new Planner(List.of(machine("4", 100)), MEMORY.withLate(new Bounds(3, 3)), new SplittableRandom(4));
        Cycle first = planner.next(100, true);
        assertThat(first.held()).isEqualTo(3);

        List<Batch> drained = planner.drain();
        assertThat(drained).singleElement().satisfies(b -> {
            assertThat(b.late()).containsExactlyElementsOf(first.batches().get(0).held());
            assertThat(b.lateTs()).isEqualTo(100);
            assertThat(b.rows()).isEmpty();
        });
        assertThat(planner.held()).isZero();

        Cycle last = planner.next(110, false);
        assertThat(last.batches().get(0).late()).as("drained rows are not sent twice").isEmpty();
        assertThat(last.held()).isZero();
        assertThat(planner.drain()).allSatisfy(b -> assertThat(b.late()).isEmpty());
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        assertThat(counts(7)).isEqualTo(counts(7)).isNotEqualTo(counts(8));
    }

    private static List<Integer> counts(long seed) {
        Planner planner = new Planner(List.of(machine("4", 60), machine("5", 60)), MEMORY, new SplittableRandom(seed));
        List<Integer> counts = new ArrayList<>();
        for (int c = 1; c <= 10; c++) {
            for (Batch b : planner.next(c, true).batches()) {
                counts.add(b.rows().size());
                counts.add(b.held().size());
            }
        }
        return counts;
    }

    private static int last(List<Integer> rows) {
        return rows.get(rows.size() - 1);
    }
}
