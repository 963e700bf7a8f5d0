package dev.stophack.consumer.kafka;

import dev.stophack.consumer.parse.SkipReason;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs skipped records so that a bad producer is visible without flooding the log: the first
 * few of each topic and reason, then every 10,000th. All of them are counted in the metrics.
 */
final class SkipLog {
    private static final Logger LOG = LoggerFactory.getLogger(SkipLog.class);
    private static final int FIRST = 5;
    private static final int EVERY = 10_000;
    private static final int SHOWN_BYTES = 160;

    private final Map<String, long[]> seen = new HashMap<>();

    void skipped(String topic, int partition, long offset, SkipReason reason, byte[] value) {
        long n = ++seen.computeIfAbsent(topic + '/' + reason.id(), k -> new long[1])[0];
        if (n <= FIRST || n % EVERY == 0) {
            LOG.warn("skipped {}-{}@{}: {} ({} so far of this kind){}: {}", topic, partition, offset,
                    reason.description(), n, n == FIRST ? ", only every " + EVERY + "th is logged from now on" : "",
                    shown(value));
        }
    }

    private static String shown(byte[] value) {
        if (value == null) {
            return "null";
        }
        String s = new String(value, 0, Math.min(value.length, SHOWN_BYTES), StandardCharsets.UTF_8);
        return value.length > SHOWN_BYTES ? s + "..." : s;
    }
}
