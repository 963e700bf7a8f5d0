package dev.stophack.consumer.live;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.window.ArrivalWindow;
import dev.stophack.consumer.window.AttackCount;
import dev.stophack.consumer.window.AttackWindows;
import dev.stophack.consumer.window.ProcessCycles;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consumer's state: the three window structures plus per-topic tallies, shared between the
 * Kafka thread (which {@link #apply}s batches) and the HTTP threads (which take
 * {@link #snapshot}s). One lock: a batch is applied in one go, so a snapshot never sees half of one.
 */
public final class LiveCounts {
    /** Spacing of the memory chart's samples; the dashboard refreshes at the same pace. */
    public static final long SAMPLE_MILLIS = 2_000;
    /** Skip reason of rows whose cycle or window was already older than the history. */
    public static final String TOO_OLD = "too_old";

    private final Clock clock;
    private final long windowMillis;
    private final long historyMillis;
    private final ProcessCycles process;
    private final ArrivalWindow memory;
    private final AttackWindows attacks;
    private final Map<String, Batch.Tally> tallies = new HashMap<>();
    private long lastEviction = Long.MIN_VALUE;

    public LiveCounts(Clock clock, Duration window, Duration history) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.historyMillis = history.toMillis();
        this.process = new ProcessCycles(history.toSeconds());
        this.memory = new ArrivalWindow(windowMillis, historyMillis);
        this.attacks = new AttackWindows(historyMillis);
    }

    public Clock clock() {
        return clock;
    }

    public long windowMillis() {
        return windowMillis;
    }

    public long historyMillis() {
        return historyMillis;
    }

    /** Adds what {@code batch} holds; the caller then clears it. */
    public synchronized void apply(Batch batch) {
        batch.flushRun();
        for (Batch.ProcessRun r : batch.process) {
            process.add(r.machine(), r.ts(), r.n());
        }
        for (Batch.MemoryRun r : batch.memory) {
            memory.add(r.machine(), r.arrivalMillis(), r.n());
        }
        for (AttackCount c : batch.attacks) {
            attacks.put(c);
        }
        batch.tallies.forEach((topic, t) -> {
            Batch.Tally mine = tallies.computeIfAbsent(topic, x -> new Batch.Tally());
            mine.counted += t.counted;
            t.skipped.forEach((reason, n) -> mine.skipped.merge(reason, n, Long::sum));
            mine.lastArrivalMillis = Math.max(mine.lastArrivalMillis, t.lastArrivalMillis);
        });
        long now = clock.millis();
        if (now - lastEviction >= 1_000) { // eviction walks every machine: once a second is plenty
            memory.evict(now);
            lastEviction = now;
        }
    }

    /** Everything, as of now. */
    public synchronized Snapshot snapshot() {
        long now = clock.millis();
        memory.evict(now);
        Long newest = process.newestCycle();
        Map<String, TopicStats> topics = new TreeMap<>();
        topics.put(Topics.PROCESS, stats(tallies.get(Topics.PROCESS), process.tooOld()));
        topics.put(Topics.MEMORY, stats(tallies.get(Topics.MEMORY), 0));
        topics.put(Topics.ATTACK_COUNTS, stats(tallies.get(Topics.ATTACK_COUNTS), attacks.tooOld()));
        return new Snapshot(now, windowMillis, historyMillis,
                process.series(), newest, newest == null ? Map.of() : process.cycle(newest),
                memory.series(now, SAMPLE_MILLIS), memory.counts(now),
                attacks.series(), attacks.latest(),
                topics);
    }

    /**
     * A topic's stats; {@code tooOld} records were read but fell before the history, so they are
     * reported as skipped rather than counted.
     */
    private static TopicStats stats(Batch.Tally t, long tooOld) {
        if (t == null) {
            return TopicStats.NONE;
        }
        Map<String, Long> skipped = new TreeMap<>();
        t.skipped.forEach((reason, n) -> skipped.put(reason.id(), n));
        if (tooOld > 0) {
            skipped.put(TOO_OLD, tooOld);
        }
        return new TopicStats(t.counted - tooOld, skipped,
                t.lastArrivalMillis == Long.MIN_VALUE ? null : t.lastArrivalMillis);
    }
}
