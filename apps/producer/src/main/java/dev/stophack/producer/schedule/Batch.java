package dev.stophack.producer.schedule;

import java.util.List;

/**
 * What one machine sends in one cycle, in this order: the {@code late} rows held back last
 * cycle, still stamped {@code lateTs}, then its {@code rows} stamped with the cycle's time.
 * {@code held} are the rows taken now, stamped now, that go out with the next cycle.
 */
public record Batch(String machine, long lateTs, List<String[]> late, List<String[]> rows, List<String[]> held) {
    public Batch {
        late = List.copyOf(late);
        rows = List.copyOf(rows);
        held = List.copyOf(held);
    }

    /** Rows that leave in this cycle: late plus fresh. */
    public int sent() {
        return late.size() + rows.size();
    }
}
