package dev.stophack.producer.schedule;

import dev.stophack.producer.source.MachineRows;
import java.util.List;

/**
 * What one machine sends in one cycle, in this order: the {@code late} rows held back last
 * cycle, still stamped {@code lateTs}, then its {@code rows} stamped with the cycle's time.
 * {@code held} are the rows taken now, stamped now, that go out with the next cycle. Rows are
 * indexes into {@code source}.
 */
public record Batch(MachineRows source, long lateTs, List<Integer> late, List<Integer> rows, List<Integer> held) {
    public Batch {
        late = List.copyOf(late);
        rows = List.copyOf(rows);
        held = List.copyOf(held);
    }

    /** The machine id: the Kafka key. */
    public String machine() {
        return source.machine();
    }

    /** Rows that leave in this cycle: late plus fresh. */
    public int sent() {
        return late.size() + rows.size();
    }
}
