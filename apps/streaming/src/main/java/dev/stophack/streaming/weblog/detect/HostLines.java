package dev.stophack.streaming.weblog.detect;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One host's readable lines of a micro-batch as both detectors need them, in primitive arrays: the
 * time of every request, and the time and path of every request answered 404; plus, on the record
 * that carries the previous batch's state, the host's tallies in the surge windows still open. A
 * task makes one per host, so the shuffle carries a record per host and task rather than one per
 * (surge window, host); the tallies per window are made after the shuffle, from the times
 * ({@link #windows}).
 */
final class HostLines implements Serializable {
    private static final long serialVersionUID = 1L;

    long[] times;
    int size;
    long[] notFoundTimes;
    /** Paths of the 404s, parallel to {@link #notFoundTimes}; null where the request had none. */
    String[] notFoundPaths;
    int notFound;
    /** The open surge windows' tallies from the previous batch, by window start; null on a task's record. */
    TreeMap<Long, HostTally> open;

    HostLines() {
        times = new long[4];
    }

    void add(long t) {
        if (size == times.length) {
            times = Arrays.copyOf(times, Math.max(4, size * 2));
        }
        times[size++] = t;
    }

    void addNotFound(long t, String path) {
        if (notFoundTimes == null) {
            notFoundTimes = new long[4];
            notFoundPaths = new String[4];
        } else if (notFound == notFoundTimes.length) {
            notFoundTimes = Arrays.copyOf(notFoundTimes, notFound * 2);
            notFoundPaths = Arrays.copyOf(notFoundPaths, notFound * 2);
        }
        notFoundTimes[notFound] = t;
        notFoundPaths[notFound++] = path;
    }

    /** The same lines in arrays of their exact size, so that the shuffle carries no spare room. */
    HostLines trimmed() {
        times = Arrays.copyOf(times, size);
        if (notFoundTimes != null) {
            notFoundTimes = Arrays.copyOf(notFoundTimes, notFound);
            notFoundPaths = Arrays.copyOf(notFoundPaths, notFound);
        }
        return this;
    }

    /** A record holding only the open windows' tallies of a host, from the stored state. */
    static HostLines ofOpen(TreeMap<Long, HostTally> open) {
        HostLines h = new HostLines();
        h.times = new long[0];
        h.open = open;
        return h;
    }

    /** Merges two records of one host (reduceByKey): this one is changed and returned. */
    HostLines merge(HostLines other) {
        if (size + other.size > times.length) {
            times = Arrays.copyOf(times, Math.max(times.length * 2, size + other.size));
        }
        System.arraycopy(other.times, 0, times, size, other.size);
        size += other.size;
        for (int i = 0; i < other.notFound; i++) {
            addNotFound(other.notFoundTimes[i], other.notFoundPaths[i]);
        }
        if (other.open != null) {
            if (open == null) {
                open = new TreeMap<>();
            }
            other.open.forEach((start, tally) -> open.merge(start, tally, HostTally::merge));
        }
        return this;
    }

    /** The times later than {@code watermark}, sorted: what the rate limiter counts. */
    long[] timesAfter(long watermark) {
        long[] sorted = Arrays.copyOf(times, size);
        Arrays.sort(sorted);
        int from = 0;
        while (from < sorted.length && sorted[from] <= watermark) {
            from++;
        }
        return from == 0 ? sorted : Arrays.copyOfRange(sorted, from, sorted.length);
    }

    /**
     * The host's tally per surge window of length {@code window} (by start) that ends after
     * {@code watermark}: the open tallies carried in, plus these lines. Lines of windows the
     * watermark has passed are not here (the map side counted them as late).
     */
    Map<Long, HostTally> windows(long window, long watermark) {
        TreeMap<Long, HostTally> out = new TreeMap<>();
        if (open != null) {
            open.forEach((start, tally) -> out.put(start, tally.copy()));
        }
        HostTally current = null;
        long currentStart = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            long start = Math.floorDiv(times[i], window) * window;
            if (start + window <= watermark) {
                continue;
            }
            if (current == null || start != currentStart) {
                current = out.computeIfAbsent(start, k -> new HostTally());
                currentStart = start;
            }
            current.requests++;
        }
        for (int i = 0; i < notFound; i++) {
            long start = Math.floorDiv(notFoundTimes[i], window) * window;
            if (start + window > watermark) {
                out.computeIfAbsent(start, k -> new HostTally()).addNotFound(notFoundPaths[i]);
            }
        }
        return out;
    }
}
