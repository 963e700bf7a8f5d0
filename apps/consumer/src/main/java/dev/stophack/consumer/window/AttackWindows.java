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
 * Potential attacks per machine per window, as the streaming job reports them on
 * {@code attack-counts}. The job may update a window several times while it is open: the last
 * value for a (machine, window start) wins. Windows that start more than {@code history} before
 * the newest one are dropped. Not thread-safe.
 */
public final class AttackWindows {
    private final long historyMillis;
    private final NavigableMap<Long, Map<String, AttackCount>> byStart = new TreeMap<>();
    private long tooOld;

    public AttackWindows(long historyMillis) {
        if (historyMillis <= 0) {
            throw new IllegalArgumentException("history must be positive: " + historyMillis);
        }
        this.historyMillis = historyMillis;
    }

    /** Records {@code count}, replacing an earlier value for the same machine and window. */
    public void put(AttackCount count) {
        if (!byStart.isEmpty() && count.windowStartMillis() < byStart.lastKey() - historyMillis) {
            tooOld++;
            return;
        }
        byStart.computeIfAbsent(count.windowStartMillis(), s -> new HashMap<>()).put(count.machine(), count);
        byStart.headMap(byStart.lastKey() - historyMillis, false).clear();
    }

    /** The value of {@code machine} in the window starting at {@code startMillis}, or null. */
    public AttackCount get(String machine, long startMillis) {
        return byStart.getOrDefault(startMillis, Map.of()).get(machine);
    }

    /** The newest window of every machine that has one: what is going on right now. */
    public Map<String, AttackCount> latest() {
        Map<String, AttackCount> out = new TreeMap<>(MachineOrder.NATURAL);
        byStart.descendingMap().values().forEach(w -> w.forEach(out::putIfAbsent));
        return out;
    }

    /** Adds every machine with a row in a kept window to {@code out}. */
    public void machines(Set<String> out) {
        byStart.values().forEach(window -> out.addAll(window.keySet()));
    }

    /** Updates ignored because their window was already older than the history. */
    public long tooOld() {
        return tooOld;
    }

    /**
     * One point per window (x = window start). The streaming job writes a row only for a machine
     * with potential attacks in the window, so a machine that has rows in other windows counts 0
     * where it has none.
     */
    public Series series() {
        List<Long> x = new ArrayList<>(byStart.keySet());
        TreeSet<String> machines = new TreeSet<>(MachineOrder.NATURAL);
        byStart.values().forEach(w -> machines.addAll(w.keySet()));
        Map<String, List<Long>> lines = new HashMap<>();
        for (String machine : machines) {
            List<Long> ys = new ArrayList<>(x.size());
            for (Map<String, AttackCount> window : byStart.values()) {
                AttackCount c = window.get(machine);
                ys.add(c == null ? 0L : c.count());
            }
            lines.put(machine, ys);
        }
        return new Series(x, lines);
    }
}
