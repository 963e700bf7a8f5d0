package dev.stophack.streaming.weblog.ratelimit;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-host rate limiter, as plain logic with times passed in (epoch milliseconds of the log).
 *
 * <p>Windows are {@code window} long and start every {@code slide}, at multiples of {@code slide}
 * since the epoch, so a request at {@code t} is in every window {@code [s, s + window)} with
 * {@code s <= t < s + window}. A window that holds more than {@code threshold} requests of one
 * host blocks that host until the window's end; the decision is made as soon as the request that
 * takes the window over arrives, not when the window closes. Each window is decided at most once.
 * A host that keeps sending too much fills window after window, and each decision moves its
 * {@code until} one slide later; once its rate falls back, no window goes over any more and the
 * block ends with the last window that did.
 *
 * <p>Requests at or before the watermark are late and do not count (Spark drops them before they
 * get here). A window that ended at or before the watermark can no longer change, so the state
 * keeps only the buckets and decisions of windows that can: it is bounded by the window length
 * plus the watermark delay, whatever the host sends.
 */
public final class RateLimiter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long window;
    private final long slide;
    private final long threshold;

    public RateLimiter(Duration window, Duration slide, long threshold) {
        if (slide.isNegative() || slide.isZero() || window.compareTo(slide) < 0) {
            throw new IllegalArgumentException("the slide must be positive and no longer than the window");
        }
        if (window.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("the window (" + window + ") must be a whole number of slides (" + slide + ")");
        }
        if (threshold < 1) {
            throw new IllegalArgumentException("the threshold must be at least 1 request");
        }
        this.window = window.toMillis();
        this.slide = slide.toMillis();
        this.threshold = threshold;
    }

    /**
     * Counts {@code host}'s requests at {@code times} (any order) into {@code state} and returns
     * the windows they took over the threshold, in the order of the windows' starts.
     */
    public List<Decision> add(String host, HostWindows state, long[] times, long watermark) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        if (state.count(Long.MIN_VALUE, Long.MAX_VALUE) + sorted.length <= threshold) {
            // most hosts: even all their requests in one window would not go over
            for (long t : sorted) {
                if (t > watermark) {
                    state.add(Math.floorDiv(t, slide) * slide);
                }
            }
            return List.of();
        }
        Map<Long, Long> crossed = new LinkedHashMap<>();
        for (long t : sorted) {
            if (t <= watermark) {
                continue;
            }
            long bucket = Math.floorDiv(t, slide) * slide;
            state.add(bucket);
            for (long s = bucket - window + slide; s <= bucket; s += slide) {
                if (!state.isDecided(s) && !crossed.containsKey(s) && state.count(s, s + window) > threshold) {
                    crossed.put(s, t);
                }
            }
        }
        List<Decision> decisions = new ArrayList<>();
        crossed.keySet().stream().sorted().forEach(s -> {
            state.markDecided(s);
            decisions.add(new Decision(host, s, s + window, state.count(s, s + window), threshold, s + window, crossed.get(s)));
        });
        return decisions;
    }

    /**
     * Forgets what no window that can still change needs: buckets and decisions of windows that
     * ended at or before {@code watermark}. Returns whether nothing is left.
     */
    public boolean expire(HostWindows state, long watermark) {
        // bucket b is in windows ending at most at b + window; window s ends at s + window
        state.dropBefore(watermark - window + 1, watermark - window + 1);
        return state.isEmpty();
    }

    /** When the host's state can go if it sends nothing more: once the watermark reaches the last window's end. */
    public long expiresAt(HostWindows state) {
        return state.lastBucket() + window;
    }

    public long threshold() {
        return threshold;
    }
}
