package dev.stophack.consumer.weblog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Access-log requests in ten-second buckets of the log's own time, over the history: per bucket the
 * busiest hosts ({@link HeavyHitters}) and the requests per status class. Pure: times are passed
 * in, epoch milliseconds. The newest line's time is "now" for the log; buckets older than the
 * history plus one window before it are dropped, so memory is bounded by the history whatever
 * the traffic.
 */
public final class WebWindows {
    public static final long BUCKET_MILLIS = 10_000;
    /** Hosts counted per bucket. */
    static final int HOSTS_PER_BUCKET = 200;

    private final long historyMillis;
    private final long keepMillis;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private long newest = Long.MIN_VALUE;
    private long tooOld;

    private static final class Bucket {
        final HeavyHitters hosts = new HeavyHitters(HOSTS_PER_BUCKET);
        final long[] byClass = new long[6]; // index 1..5: 1xx..5xx
        long total;
    }

    /** {@code keepMillis}: history plus the longest window a series looks back over. */
    public WebWindows(long historyMillis, long keepMillis) {
        this.historyMillis = historyMillis;
        this.keepMillis = Math.max(historyMillis, keepMillis);
    }

    /** One request of {@code host} logged at {@code millis} with {@code status}; false when it is too old to keep. */
    public boolean add(String host, long millis, int status) {
        if (newest != Long.MIN_VALUE && millis < newest - keepMillis) {
            tooOld++;
            return false;
        }
        long start = Math.floorDiv(millis, BUCKET_MILLIS) * BUCKET_MILLIS;
        Bucket b = buckets.computeIfAbsent(start, k -> new Bucket());
        b.hosts.add(host, 1);
        b.byClass[Math.min(5, Math.max(1, status / 100))]++;
        b.total++;
        if (millis > newest) {
            newest = millis;
            buckets.headMap(Math.floorDiv(newest - keepMillis, BUCKET_MILLIS) * BUCKET_MILLIS).clear();
        }
        return true;
    }

    /** The newest request's time, or null before any. */
    public Long newest() {
        return newest == Long.MIN_VALUE ? null : newest;
    }

    public long tooOld() {
        return tooOld;
    }

    /** Bucket ends over the history, oldest first: the x of every series. */
    List<Long> samples() {
        List<Long> xs = new ArrayList<>();
        if (newest == Long.MIN_VALUE) {
            return xs;
        }
        long last = Math.floorDiv(newest, BUCKET_MILLIS) * BUCKET_MILLIS + BUCKET_MILLIS;
        for (long x = last - historyMillis; x <= last; x += BUCKET_MILLIS) {
            xs.add(x);
        }
        return xs;
    }

    /**
     * The {@code n} hosts that sent the most in any one bucket of the history (a burst an hour of
     * calm cannot hide), each with its requests in the {@code windowMillis} ending at every
     * sample: the rate a limiter of that window sees.
     */
    public Map<String, List<Long>> busiest(int n, long windowMillis) {
        Map<String, Long> peak = new HashMap<>();
        long end = newest == Long.MIN_VALUE ? 0 : Math.floorDiv(newest, BUCKET_MILLIS) * BUCKET_MILLIS + BUCKET_MILLIS;
        for (Bucket b : buckets.subMap(end - historyMillis - BUCKET_MILLIS, end).values()) {
            b.hosts.all().forEach((h, c) -> peak.merge(h, c, Math::max));
        }
        List<String> top = peak.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
        Map<String, List<Long>> lines = new LinkedHashMap<>();
        List<Long> xs = samples();
        for (String host : top) {
            List<Long> ys = new ArrayList<>();
            for (long x : xs) {
                long sum = 0;
                for (Bucket b : buckets.subMap(x - windowMillis, x).values()) {
                    sum += b.hosts.count(host);
                }
                ys.add(sum);
            }
            lines.put(host, ys);
        }
        return lines;
    }

    /** Per status class ({@code "4xx"}, {@code "5xx"}): its share of each bucket's requests, null for an empty bucket. */
    public Map<String, List<Double>> errorShares() {
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        for (int cls : new int[] {4, 5}) {
            List<Double> ys = new ArrayList<>();
            for (long x : samples()) {
                Bucket b = buckets.get(x - BUCKET_MILLIS);
                ys.add(b == null || b.total == 0 ? null : (double) b.byClass[cls] / b.total);
            }
            lines.put(cls + "xx", ys);
        }
        return lines;
    }

    /** Requests per bucket, for the summary. */
    public long requestsInLast(long windowMillis) {
        long end = newest == Long.MIN_VALUE ? 0 : Math.floorDiv(newest, BUCKET_MILLIS) * BUCKET_MILLIS + BUCKET_MILLIS;
        return buckets.subMap(end - windowMillis, end).values().stream().mapToLong(b -> b.total).sum();
    }
}
