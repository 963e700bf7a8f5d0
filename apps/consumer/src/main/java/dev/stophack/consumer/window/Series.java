package dev.stophack.consumer.window;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart's data: shared x values (epoch milliseconds, ascending) and one line per machine
 * with a y value per x, {@code null} where the machine has no value. Immutable.
 *
 * @param x the x values in epoch milliseconds, ascending
 * @param lines machine id to y values, same length as {@code x}, machines in {@link MachineOrder}
 */
public record Series(List<Long> x, Map<String, List<Long>> lines) {
    public static final Series EMPTY = new Series(List.of(), Map.of());

    public Series {
        List<Long> xs = Collections.unmodifiableList(new ArrayList<>(x));
        Map<String, List<Long>> sorted = new LinkedHashMap<>();
        lines.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(MachineOrder.NATURAL))
                .forEach(e -> {
                    if (e.getValue().size() != xs.size()) {
                        throw new IllegalArgumentException("line " + e.getKey() + " has " + e.getValue().size()
                                + " values for " + xs.size() + " x values");
                    }
                    sorted.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
                });
        x = xs;
        lines = Collections.unmodifiableMap(sorted);
    }

    public boolean isEmpty() {
        return x.isEmpty() || lines.isEmpty();
    }

    /** The y value of {@code machine} at the last x, or null. */
    public Long last(String machine) {
        List<Long> ys = lines.get(machine);
        return ys == null || ys.isEmpty() ? null : ys.get(ys.size() - 1);
    }
}
