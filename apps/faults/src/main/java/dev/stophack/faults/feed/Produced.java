package dev.stophack.faults.feed;

import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the broker acknowledged, by record identity (partition and offset) per topic, each marked
 * good (an event the job must persist) or bad (a record it must dead-letter).
 */
public final class Produced {
    private final Map<String, Map<Integer, BitSet>> good = new TreeMap<>();
    private final Map<String, Map<Integer, BitSet>> bad = new TreeMap<>();

    synchronized void add(String topic, int partition, long offset, boolean isBad) {
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalStateException("offset " + offset + " beyond what a scenario produces");
        }
        (isBad ? bad : good).computeIfAbsent(topic, t -> new TreeMap<>()).computeIfAbsent(partition, p -> new BitSet())
                .set((int) offset);
    }

    /** Good records of {@code topic}: partition to offsets. */
    public synchronized Map<Integer, BitSet> good(String topic) {
        return copy(good.getOrDefault(topic, Map.of()));
    }

    /** Bad records of {@code topic}: partition to offsets. */
    public synchronized Map<Integer, BitSet> bad(String topic) {
        return copy(bad.getOrDefault(topic, Map.of()));
    }

    public synchronized long goodCount() {
        return count(good);
    }

    public synchronized long badCount() {
        return count(bad);
    }

    private static long count(Map<String, Map<Integer, BitSet>> m) {
        return m.values().stream().flatMap(p -> p.values().stream()).mapToLong(BitSet::cardinality).sum();
    }

    private static Map<Integer, BitSet> copy(Map<Integer, BitSet> m) {
        Map<Integer, BitSet> c = new TreeMap<>();
        m.forEach((p, b) -> c.put(p, (BitSet) b.clone()));
        return c;
    }
}
