package dev.stophack.producer.schedule;

import java.util.List;

/** One tick of the schedule: its number (from 1), its event time in Unix seconds and one batch per machine. */
public record Cycle(long number, long ts, List<Batch> batches) {
    public Cycle {
        batches = List.copyOf(batches);
    }

    /** Rows that leave in this cycle, over all machines. */
    public int sent() {
        return batches.stream().mapToInt(Batch::sent).sum();
    }

    /** Rows held back for the next cycle, over all machines. */
    public int held() {
        return batches.stream().mapToInt(b -> b.held().size()).sum();
    }
}
