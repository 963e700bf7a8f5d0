package dev.stophack.producer.source;

import java.util.Objects;

/**
 * One machine's rows of the streaming CSV, in {@code sequence} order, as the CSV has them: the
 * producer replays these arrays and never copies them.
 */
public final class MachineRows {
    private final String machine;
    private final String[][] rows;

    public MachineRows(String machine, String[][] rows) {
        this.machine = Objects.requireNonNull(machine, "machine");
        if (rows.length == 0) {
            throw new IllegalArgumentException("machine " + machine + " has no rows");
        }
        this.rows = rows;
    }

    /** The machine id as the CSV spells it (blanks stripped): the Kafka key. */
    public String machine() {
        return machine;
    }

    public int size() {
        return rows.length;
    }

    /** Row {@code i} in sequence order; the caller must not change it. */
    public String[] row(int i) {
        return rows[i];
    }

    @Override
    public String toString() {
        return "machine " + machine + " (" + rows.length + " rows)";
    }
}
