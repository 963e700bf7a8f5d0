package dev.stophack.streaming.weblog.detect;

import dev.stophack.streaming.weblog.ratelimit.Decision;
import dev.stophack.streaming.weblog.ratelimit.HostWindows;
import dev.stophack.streaming.weblog.surge.WindowCounts;
import java.io.Serializable;

/**
 * The keys and values the detectors' tasks exchange, and what they hand back to the driver. One
 * shuffle carries three kinds of key, each with its own value:
 *
 * <ul>
 *   <li>a host ({@code String}) → {@link HostLines}: its request times and 404s, for the rate
 *       limiter and for scans, and its open windows' tallies from the previous batch;</li>
 *   <li>{@link WindowStatus} → {@link Count}: requests per status in a surge window;</li>
 *   <li>{@link Late} → {@link Count}: lines a detector left out as late.</li>
 * </ul>
 */
final class Tallies {
    private Tallies() {
    }

    record WindowStatus(long start, int status) implements Serializable {
    }

    record Late(String detector) implements Serializable {
    }

    static final class Count implements Serializable {
        private static final long serialVersionUID = 1L;
        long n;

        Count(long n) {
            this.n = n;
        }
    }

    /** Merges two values of one key (reduceByKey): the first is changed and returned. */
    static Object merge(Object a, Object b) {
        if (a instanceof HostLines h) {
            return h.merge((HostLines) b);
        }
        ((Count) a).n += ((Count) b).n;
        return a;
    }

    // what the tasks hand back

    /** A host's rate-limiter state after the batch; null windows: nothing left to keep. */
    record HostState(String host, HostWindows windows) implements Serializable {
    }

    record Decided(Decision decision) implements Serializable {
    }

    /** A host of a window that became final with enough distinct 404 paths to be a scan. */
    record Candidate(long start, WindowCounts.HostCounts counts) implements Serializable {
    }

    /** A host's tally in a window still open, to keep. */
    record Open(long start, String host, HostTally tally) implements Serializable {
    }

    record StatusCount(long start, int status, long count) implements Serializable {
    }

    record LateCount(String detector, long count) implements Serializable {
    }
}
