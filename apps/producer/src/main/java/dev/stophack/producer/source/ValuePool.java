package dev.stophack.producer.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares equal cell values between rows. Telemetry repeats itself ("0", "S", "norm", the same
 * command line thousands of times), so a file held in memory shrinks several-fold when equal
 * cells are one String. Each column remembers at most {@link #LIMIT} distinct values, so a
 * column of unique values (sequence, PID) costs a bounded map and nothing more.
 */
final class ValuePool {
    static final int LIMIT = 4096;

    private final List<Map<String, String>> columns = new ArrayList<>();

    ValuePool(int width) {
        for (int i = 0; i < width; i++) {
            columns.add(new HashMap<>());
        }
    }

    /** Replaces each cell of {@code row} by an equal one seen before in its column, if any. */
    void share(String[] row) {
        int n = Math.min(row.length, columns.size());
        for (int i = 0; i < n; i++) {
            Map<String, String> seen = columns.get(i);
            String shared = seen.get(row[i]);
            if (shared != null) {
                row[i] = shared;
            } else if (seen.size() < LIMIT) {
                seen.put(row[i], row[i]);
            }
        }
    }
}
