package dev.stophack.consumer.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Process events per machine per producer cycle. The producer stamps every row of a cycle with
 * the cycle's Unix time {@code ts}, so a cycle is simply a {@code ts} value (event time): a row
 * that arrives late still lands in its own cycle. Cycles older than {@code history} before the
 * newest one are dropped, and so are rows that would land in them. Not thread-safe.
 */
public final class ProcessCycles {
    private final long historySeconds;
    private final NavigableMap<Long, Map<String, long[]>> cycles = new TreeMap<>();
    private long newestTs = Long.MIN_VALUE;
    private long tooOld;

    /** @param historySeconds how many seconds of cycles before the newest one to keep */
    public ProcessCycles(long historySeconds) {
        if (historySeconds <= 0) {
            throw new IllegalArgumentException("history must be positive: " + historySeconds);
        }
        this.historySeconds = historySeconds;
    }

    /** Counts {@code n} rows of {@code machine} stamped {@code ts} (Unix seconds). */
    public void add(String machine, long ts, long n) {
        if (newestTs != Long.MIN_VALUE && ts < newestTs - historySeconds) {
            tooOld += n;
            return;
        }
        cycles.computeIfAbsent(ts, t -> new HashMap<>()).computeIfAbsent(machine, m -> new long[1])[0] += n;
        if (ts > newestTs) {
            newestTs = ts;
            cycles.headMap(newestTs - historySeconds, false).clear();
        }
    }

    /** Rows of {@code machine} in cycle {@code ts}; 0 when none arrived. */
    public long count(String machine, long ts) {
        Map<String, long[]> cycle = cycles.get(ts);
        long[] c = cycle == null ? null : cycle.get(machine);
        return c == null ? 0 : c[0];
    }

    /** The newest cycle's {@code ts}, or null before the first row. */
    public Long newestCycle() {
        return cycles.isEmpty() ? null : cycles.lastKey();
    }

    /** Rows per machine in cycle {@code ts}. */
    public Map<String, Long> cycle(long ts) {
        Map<String, Long> out = new TreeMap<>(MachineOrder.NATURAL);
        cycles.getOrDefault(ts, Map.of()).forEach((m, c) -> out.put(m, c[0]));
        return out;
    }

    /** Adds every machine with rows in a kept cycle to {@code out}. */
    public void machines(Set<String> out) {
        cycles.values().forEach(cycle -> out.addAll(cycle.keySet()));
    }

    /** Rows ignored because their cycle was already older than the history. */
    public long tooOld() {
        return tooOld;
    }

    /**
     * One point per kept cycle (x = ts in milliseconds); a machine without rows in a cycle has
     * no value there (null), so a producer that starts late or stops shows as a gap, not as zeros.
     */
    public Series series() {
        List<Long> x = new ArrayList<>(cycles.size());
        TreeSet<String> machines = new TreeSet<>(MachineOrder.NATURAL);
        cycles.forEach((ts, cycle) -> {
            x.add(ts * 1000);
            machines.addAll(cycle.keySet());
        });
        Map<String, List<Long>> lines = new HashMap<>();
        for (String machine : machines) {
            List<Long> ys = new ArrayList<>(x.size());
            for (Map<String, long[]> cycle : cycles.values()) {
                long[] c = cycle.get(machine);
                ys.add(c == null ? null : c[0]);
            }
            lines.put(machine, ys);
        }
        return new Series(x, lines);
    }
}
