package dev.stophack.streaming.weblog.ratelimit;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One host's state in the rate limiter: requests per slide-long bucket (bucket start → count,
 * sorted by start) for the buckets an open window still needs, and the starts of the windows it
 * was already blocked for, so that no window is decided twice. A Java bean, which is how Spark
 * keeps it in the state store between micro-batches; {@link RateLimiter} does the thinking.
 */
public final class HostWindows implements Serializable {
    private static final long serialVersionUID = 1L;
    private long[] bucketStarts = new long[0];
    private long[] bucketCounts = new long[0];
    private long[] decided = new long[0];

    public long[] getBucketStarts() {
        return bucketStarts;
    }

    public void setBucketStarts(long[] bucketStarts) {
        this.bucketStarts = bucketStarts;
    }

    public long[] getBucketCounts() {
        return bucketCounts;
    }

    public void setBucketCounts(long[] bucketCounts) {
        this.bucketCounts = bucketCounts;
    }

    public long[] getDecided() {
        return decided;
    }

    public void setDecided(long[] decided) {
        this.decided = decided;
    }

    /** A copy to change, leaving this one as it is (a broadcast value is shared by the tasks). */
    public HostWindows copy() {
        HostWindows c = new HostWindows();
        c.bucketStarts = bucketStarts.clone();
        c.bucketCounts = bucketCounts.clone();
        c.decided = decided.clone();
        return c;
    }

    void add(long bucket) {
        int i = Arrays.binarySearch(bucketStarts, bucket);
        if (i >= 0) {
            bucketCounts[i]++;
            return;
        }
        int at = -i - 1;
        bucketStarts = insert(bucketStarts, at, bucket);
        bucketCounts = insert(bucketCounts, at, 1);
    }

    /**
     * Requests in buckets starting in {@code [from, to)}. Found by binary search: within one
     * micro-batch a host's state holds every bucket of the batch (hours of them for a backlog),
     * and a busy host asks this for each of its requests.
     */
    long count(long from, long to) {
        long n = 0;
        for (int i = firstAtOrAfter(bucketStarts, from); i < bucketStarts.length && bucketStarts[i] < to; i++) {
            n += bucketCounts[i];
        }
        return n;
    }

    boolean isDecided(long windowStart) {
        return Arrays.binarySearch(decided, windowStart) >= 0;
    }

    void markDecided(long windowStart) {
        int i = Arrays.binarySearch(decided, windowStart);
        if (i < 0) {
            decided = insert(decided, -i - 1, windowStart);
        }
    }

    /** Drops buckets starting before {@code bucketLimit} and decided windows starting before {@code windowLimit}. */
    void dropBefore(long bucketLimit, long windowLimit) {
        int b = firstAtOrAfter(bucketStarts, bucketLimit);
        bucketStarts = Arrays.copyOfRange(bucketStarts, b, bucketStarts.length);
        bucketCounts = Arrays.copyOfRange(bucketCounts, b, bucketCounts.length);
        decided = Arrays.copyOfRange(decided, firstAtOrAfter(decided, windowLimit), decided.length);
    }

    boolean isEmpty() {
        return bucketStarts.length == 0;
    }

    /** The latest bucket's start; only when not empty. */
    long lastBucket() {
        return bucketStarts[bucketStarts.length - 1];
    }

    private static int firstAtOrAfter(long[] sorted, long limit) {
        int i = Arrays.binarySearch(sorted, limit);
        return i >= 0 ? i : -i - 1;
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }
}
