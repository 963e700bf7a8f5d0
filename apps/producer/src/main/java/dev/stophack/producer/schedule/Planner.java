package dev.stophack.producer.schedule;

import dev.stophack.producer.source.MachineRows;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Decides which rows go out in which cycle with which event time: pure logic, no clock and no
 * Kafka. Each cycle, for each machine in order, it draws X from the row bounds and Y from the
 * late bounds (fresh draws per machine per cycle), takes X rows to send now and Y more to hold
 * for the next cycle, all stamped with this cycle's time. The same rows and seed give the
 * same plan.
 */
public final class Planner {
    private final ScheduleSettings settings;
    private final RandomGenerator random;
    private final List<Cursor> cursors = new ArrayList<>();
    private final List<List<Integer>> held = new ArrayList<>();
    private long heldTs;
    private long cycles;

    public Planner(List<MachineRows> machines, ScheduleSettings settings, RandomGenerator random) {
        if (machines.isEmpty()) {
            throw new IllegalArgumentException("no machines to plan for");
        }
        this.settings = settings;
        this.random = random;
        for (MachineRows m : machines) {
            cursors.add(new Cursor(m));
            held.add(List.of());
        }
    }

    /**
     * Plans the next cycle, stamped {@code ts}. With {@code holdLate} false no rows are held back
     * (a run's last cycle, so that nothing taken is left unsent).
     */
    public Cycle next(long ts, boolean holdLate) {
        cycles++;
        List<Batch> batches = new ArrayList<>(cursors.size());
        for (int m = 0; m < cursors.size(); m++) {
            Cursor cursor = cursors.get(m);
            int x = settings.rows().draw(random);
            int y = settings.late().draw(random);
            List<Integer> rows = take(cursor, x);
            List<Integer> hold = holdLate ? take(cursor, y) : List.of();
            batches.add(new Batch(cursor.rows(), heldTs, held.get(m), rows, hold));
            held.set(m, hold);
        }
        heldTs = ts;
        return new Cycle(cycles, ts, batches);
    }

    /** The rows still held back, one batch per machine with only late rows; afterwards none are held. */
    public List<Batch> drain() {
        List<Batch> batches = new ArrayList<>(cursors.size());
        for (int m = 0; m < cursors.size(); m++) {
            batches.add(new Batch(cursors.get(m).rows(), heldTs, held.get(m), List.of(), List.of()));
            held.set(m, List.of());
        }
        return batches;
    }

    /** Rows currently held back, over all machines. */
    public int held() {
        return held.stream().mapToInt(List::size).sum();
    }

    /** Cycles planned so far. */
    public long cycles() {
        return cycles;
    }

    /** Each machine's cursor, in machine order (read-only use: for reports and tests). */
    public List<Cursor> cursors() {
        return List.copyOf(cursors);
    }

    private static List<Integer> take(Cursor cursor, int count) {
        List<Integer> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(cursor.take());
        }
        return rows;
    }
}
