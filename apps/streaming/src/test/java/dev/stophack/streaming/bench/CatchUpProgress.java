package dev.stophack.streaming.bench;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each window and join query first committed a batch at or past the backlog's last
 * watermark: Spark reports a batch's watermark with its progress, which comes after the batch's
 * outputs and its commit, so that moment is when the backlog's results are all out.
 */
final class CatchUpProgress {
    private final long targetMs;
    private final List<String> queries;
    private final Map<String, Long> reachedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> maxStateRows = new ConcurrentHashMap<>();

    /**
     * @param targetMs the watermark the backlog's last events give (epoch ms)
     * @param queries  the queries that must reach it
     */
    CatchUpProgress(long targetMs, List<String> queries) {
        this.targetMs = targetMs;
        this.queries = List.copyOf(queries);
    }

    /** The watermark of a backlog whose latest event is stamped {@code lastEventSecond}, for a watermark delay. */
    static long target(long lastEventSecond, long delayMs) {
        return lastEventSecond * 1000 - delayMs;
    }

    /** One committed batch: its query, its watermark (epoch ms; null before the first), state rows, when it was reported. */
    void batch(String query, Long watermarkMs, long stateRows, long atNanos) {
        if (!queries.contains(query)) {
            return;
        }
        maxStateRows.merge(query, stateRows, Math::max);
        if (watermarkMs != null && watermarkMs >= targetMs) {
            reachedAt.putIfAbsent(query, atNanos);
        }
    }

    boolean done() {
        return reachedAt.keySet().containsAll(queries);
    }

    OptionalLong reachedAt(String query) {
        Long at = reachedAt.get(query);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** When the last of the queries reached the target; empty while one has not. */
    OptionalLong allReachedAt() {
        return done() ? OptionalLong.of(reachedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                : OptionalLong.empty();
    }

    long maxStateRows(String query) {
        return maxStateRows.getOrDefault(query, 0L);
    }
}
