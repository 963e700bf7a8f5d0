package dev.stophack.consumer.weblog;

import java.util.HashMap;
import java.util.Map;

/**
 * The busiest hosts of one time bucket in bounded memory (the Space-Saving algorithm): at most
 * {@code capacity} hosts are counted; a new host takes the place of the least counted one and
 * inherits its count. A host whose true count is above the smallest count kept is always among
 * them, and its count is over by at most that smallest count: the busy hosts, the ones a rate
 * limit is about, come out right whatever the long tail of others does.
 */
final class HeavyHitters {
    private final int capacity;
    private final Map<String, long[]> counts = new HashMap<>();

    HeavyHitters(int capacity) {
        this.capacity = capacity;
    }

    void add(String host, long n) {
        long[] c = counts.get(host);
        if (c != null) {
            c[0] += n;
            return;
        }
        if (counts.size() < capacity) {
            counts.put(host, new long[] {n});
            return;
        }
        String least = null;
        long min = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] < min) {
                min = e.getValue()[0];
                least = e.getKey();
            }
        }
        counts.remove(least);
        counts.put(host, new long[] {min + n});
    }

    /** The count kept for {@code host}: 0 when it is not among the kept hosts. */
    long count(String host) {
        long[] c = counts.get(host);
        return c == null ? 0 : c[0];
    }

    /** Every kept host with its count. */
    Map<String, Long> all() {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((h, c) -> out.put(h, c[0]));
        return out;
    }
}
