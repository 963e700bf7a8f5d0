package dev.stophack.consumer.live;

import dev.stophack.consumer.window.AttackCount;
import dev.stophack.consumer.window.Series;
import java.util.Map;

/**
 * Everything the dashboard, the log line and the metrics show, taken at one moment. Immutable.
 *
 * @param at when it was taken, epoch ms
 * @param windowMillis the sliding window of the memory counts
 * @param historyMillis how far back the charts go
 * @param process rows per machine per producer cycle
 * @param newestCycleTs the newest process cycle (Unix seconds), or null
 * @param newestCycle rows per machine in that cycle
 * @param memory memory arrivals per machine in the sliding window, sampled over the history
 * @param memoryNow memory arrivals per machine in the window ending now
 * @param attacks potential attacks per machine per window
 * @param attacksLatest each machine's newest window
 * @param topics per topic name, what it has brought
 * @param machines how many machines are tracked, and how many were refused
 */
public record Snapshot(long at, long windowMillis, long historyMillis,
                       Series process, Long newestCycleTs, Map<String, Long> newestCycle,
                       Series memory, Map<String, Long> memoryNow,
                       Series attacks, Map<String, AttackCount> attacksLatest,
                       Map<String, TopicStats> topics, MachineStats machines) {

    public TopicStats topic(String name) {
        return topics.getOrDefault(name, TopicStats.NONE);
    }

    /** Whether any topic has brought a record yet. */
    public boolean anything() {
        return topics.values().stream().anyMatch(t -> t.counted() > 0 || t.skippedTotal() > 0);
    }
}
