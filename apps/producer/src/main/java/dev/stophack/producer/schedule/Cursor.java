package dev.stophack.producer.schedule;

import dev.stophack.producer.source.MachineRows;

/** A machine's place in its rows; after the last row it starts again from the first. */
public final class Cursor {
    private final MachineRows rows;
    private int next;
    private long laps;

    public Cursor(MachineRows rows) {
        this.rows = rows;
    }

    public MachineRows rows() {
        return rows;
    }

    /** The index of the next row in sequence order, wrapping to the first when the data is exhausted. */
    public int take() {
        int row = next;
        if (++next == rows.size()) {
            next = 0;
            laps++;
        }
        return row;
    }

    /** Index of the row {@link #take()} returns next. */
    public int position() {
        return next;
    }

    /** How many times the cursor has gone past the last row. */
    public long laps() {
        return laps;
    }
}
