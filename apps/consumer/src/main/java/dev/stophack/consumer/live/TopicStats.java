package dev.stophack.consumer.live;

import java.util.Map;

/**
 * What one topic has brought since start.
 *
 * @param counted records counted
 * @param skipped records not counted, per {@link dev.stophack.consumer.parse.SkipReason#id()}
 * @param lastArrivalMillis when the newest record arrived (epoch ms), or null before the first
 */
public record TopicStats(long counted, Map<String, Long> skipped, Long lastArrivalMillis) {
    public static final TopicStats NONE = new TopicStats(0, Map.of(), null);

    public TopicStats {
        skipped = Map.copyOf(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
