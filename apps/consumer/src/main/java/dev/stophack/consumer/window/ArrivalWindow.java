package dev.stophack.consumer.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records per machine that arrived in the last {@code window} by processing time, sliding: the
 * count at time {@code t} covers arrivals in {@code (t - window, t]}, so an arrival leaves the
 * count exactly {@code window} after it came. Arrivals are kept for {@code history + window},
 * which is enough to draw the count at every moment of the last {@code history}.
 *
 * <p>Arrivals are kept as (millisecond, count) pairs, so a poll of thousands of records costs
 * one entry per machine. Not thread-safe.
 */
public final class ArrivalWindow {
    private final long windowMillis;
    private final long historyMillis;
    private final Map<String, NavigableMap<Long, long[]>> arrivals = new HashMap<>();

    public ArrivalWindow(long windowMillis, long historyMillis) {
        if (windowMillis <= 0 || historyMillis <= 0) {
            throw new IllegalArgumentException("window and history must be positive: " + windowMillis + ", "
                    + historyMillis);
        }
        this.windowMillis = windowMillis;
        this.historyMillis = historyMillis;
    }

    public long windowMillis() {
        return windowMillis;
    }

    /** {@code n} records of {@code machine} arrived at {@code arrivalMillis}. */
    public void add(String machine, long arrivalMillis, long n) {
        arrivals.computeIfAbsent(machine, m -> new TreeMap<>())
                .computeIfAbsent(arrivalMillis, t -> new long[1])[0] += n;
    }

    /** Records of {@code machine} that arrived in {@code (now - window, now]}. */
    public long count(String machine, long now) {
        NavigableMap<Long, long[]> byTime = arrivals.get(machine);
        if (byTime == null) {
            return 0;
        }
        long sum = 0;
        for (long[] c : byTime.subMap(now - windowMillis, false, now, true).values()) {
            sum += c[0];
        }
        return sum;
    }

    /** {@link #count} of every machine seen in the kept arrivals. */
    public Map<String, Long> counts(long now) {
        Map<String, Long> out = new TreeMap<>(MachineOrder.NATURAL);
        for (String machine : arrivals.keySet()) {
            out.put(machine, count(machine, now));
        }
        return out;
    }

    /** Adds every machine with a kept arrival to {@code out}. */
    public void machines(Set<String> out) {
        out.addAll(arrivals.keySet());
    }

    /** Forgets arrivals that can no longer count at any moment of the last {@code history}. */
    public void evict(long now) {
        long oldestUseful = now - historyMillis - windowMillis;
        arrivals.values().forEach(byTime -> byTime.headMap(oldestUseful, true).clear());
        arrivals.values().removeIf(NavigableMap::isEmpty);
    }

    /**
     * The sliding count sampled every {@code stepMillis} on a grid aligned to multiples of the
     * step, over the last {@code history}, plus a last point at {@code now} itself.
     */
    public Series series(long now, long stepMillis) {
        if (stepMillis <= 0) {
            throw new IllegalArgumentException("step must be positive: " + stepMillis);
        }
        List<Long> x = new ArrayList<>();
        long first = Math.floorDiv(now - historyMillis, stepMillis) * stepMillis + stepMillis;
        for (long t = first; t < now; t += stepMillis) {
            x.add(t);
        }
        x.add(now);
        Map<String, List<Long>> lines = new HashMap<>();
        arrivals.forEach((machine, byTime) -> lines.put(machine, sample(byTime, x)));
        return new Series(x, lines);
    }

    /** Sliding counts at each of the ascending times {@code at}, by prefix sums and binary search. */
    private List<Long> sample(NavigableMap<Long, long[]> byTime, List<Long> at) {
        long[] times = new long[byTime.size()];
        long[] prefix = new long[byTime.size() + 1];
        int i = 0;
        for (Map.Entry<Long, long[]> e : byTime.entrySet()) {
            times[i] = e.getKey();
            prefix[i + 1] = prefix[i] + e.getValue()[0];
            i++;
        }
        List<Long> ys = new ArrayList<>(at.size());
        for (long t : at) {
            ys.add(prefix[upTo(times, t)] - prefix[upTo(times, t - windowMillis)]);
        }
        return ys;
    }

    /** How many of the ascending {@code times} are {@code <= t}. */
    private static int upTo(long[] times, long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
