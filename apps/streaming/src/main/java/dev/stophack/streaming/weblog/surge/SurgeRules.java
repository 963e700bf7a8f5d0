package dev.stophack.streaming.weblog.surge;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a window's errors are a surge and a host's requests are a scan.
 *
 * @param window        length of the tumbling windows the log is cut into
 * @param watermark     how late a line may arrive; a window is final once the watermark passes its end
 * @param history       windows a baseline is learnt from (the latest that did not alert)
 * @param warmUp        windows a series needs in its history before it can alert
 * @param factor        a share must reach this many times its baseline ...
 * @param minDelta      ... and exceed it by at least this much (0.05 = 5 percentage points) ...
 * @param minCount      ... with at least this many requests of that status in the window
 * @param scanPaths     a host asking for at least this many distinct paths answered 404 in a window ...
 * @param scanShare     ... with at least this share of its requests answered 404, is scanning
 */
public record SurgeRules(Duration window, Duration watermark, int history, int warmUp, double factor, double minDelta,
        long minCount, long scanPaths, double scanShare) implements Serializable {
    public SurgeRules {
        if (window.isNegative() || window.isZero() || window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the surge window must be a positive number of seconds");
        }
        if (history < 1 || warmUp < 0 || warmUp > history) {
            throw new IllegalArgumentException("the surge history must be at least 1 window and the warm-up at most the history");
        }
        if (!(factor >= 1) || !(minDelta >= 0 && minDelta < 1) || minCount < 1) {
            throw new IllegalArgumentException("a surge needs a factor of at least 1, a delta in [0, 1) and a count of at least 1");
        }
        if (scanPaths < 1 || !(scanShare > 0 && scanShare <= 1)) {
            throw new IllegalArgumentException("a scan needs at least 1 path and a 404 share in (0, 1]");
        }
    }

    /**
     * Whether {@code count} of {@code total} requests is a surge over a history of
     * {@code learntCount} of {@code learntTotal} requests in {@code learnt} windows. Compared as
     * products of whole numbers, so that a share exactly at a limit is at it, not a rounding away.
     */
    boolean surge(long count, long total, long learntCount, long learntTotal, int learnt) {
        if (learnt < warmUp || count < minCount || total == 0) {
            return false;
        }
        if (learntTotal == 0) {
            return (double) count / total >= minDelta;
        }
        double share = (double) count * learntTotal;     // count / total, times both totals
        double baseline = (double) learntCount * total;  // learntCount / learntTotal, times both totals
        double both = (double) total * learntTotal;
        return share >= factor * baseline * (1 - 1e-12) && share - baseline >= minDelta * both * (1 - 1e-12);
    }

    /** Whether a host's window is a URL-busting scan. */
    boolean scan(long requests, long notFound, long distinctNotFoundPaths) {
        return distinctNotFoundPaths >= scanPaths && requests > 0 && (double) notFound / requests >= scanShare;
    }
}
