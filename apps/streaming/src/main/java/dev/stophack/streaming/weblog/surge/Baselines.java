package dev.stophack.streaming.weblog.surge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each series (a status code such as {@code "404"}, or a class, {@code "4xx"}) looked like in
 * the latest windows that did not alert: its requests and all requests, per window. A baseline is
 * the series' share over those windows together. Kept between micro-batches by {@link BaselineStore}.
 */
public final class Baselines {
    private final Map<String, Deque<long[]>> series = new TreeMap<>();

    /** The share of all requests that {@code name} had in its history; 0 without history. */
    public double baseline(String name) {
        Deque<long[]> h = series.get(name);
        if (h == null || h.isEmpty()) {
            return 0;
        }
        long count = 0;
        long total = 0;
        for (long[] w : h) {
            count += w[0];
            total += w[1];
        }
        return total == 0 ? 0 : (double) count / total;
    }

    /** {@code name}'s requests and all requests over its history, {@code [count, total]}. */
    public long[] sums(String name) {
        long[] sum = new long[2];
        Deque<long[]> h = series.get(name);
        if (h != null) {
            for (long[] w : h) {
                sum[0] += w[0];
                sum[1] += w[1];
            }
        }
        return sum;
    }

    /** Windows in {@code name}'s history. */
    public int learnt(String name) {
        Deque<long[]> h = series.get(name);
        return h == null ? 0 : h.size();
    }

    /** Adds a window to {@code name}'s history, keeping the latest {@code limit}. */
    public void learn(String name, long count, long total, int limit) {
        Deque<long[]> h = series.computeIfAbsent(name, k -> new ArrayDeque<>());
        h.addLast(new long[] {count, total});
        while (h.size() > limit) {
            h.removeFirst();
        }
    }

    /**
     * Gives a status code seen for the first time the history of its class, with none of its
     * requests in it: it was not there. So a code that appears in a storm is measured against
     * zero, and the storm does not become its baseline.
     */
    public void startLike(String code, String statusClass) {
        Deque<long[]> cls = series.get(statusClass);
        if (series.containsKey(code) || cls == null) {
            return;
        }
        Deque<long[]> h = new ArrayDeque<>();
        for (long[] w : cls) {
            h.addLast(new long[] {0, w[1]});
        }
        series.put(code, h);
    }

    /** The series with a history, in order. */
    public List<String> names() {
        return new ArrayList<>(series.keySet());
    }

    /** Every series' windows, oldest first, as {@code [count, total]}: for storing. */
    public Map<String, List<long[]>> windows() {
        Map<String, List<long[]>> out = new TreeMap<>();
        series.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    public static Baselines of(Map<String, List<long[]>> windows) {
        Baselines b = new Baselines();
        windows.forEach((k, v) -> b.series.put(k, new ArrayDeque<>(v)));
        return b;
    }
}
