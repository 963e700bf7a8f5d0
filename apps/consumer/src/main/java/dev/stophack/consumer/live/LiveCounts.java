package dev.stophack.consumer.live;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.parse.SkipReason;
import dev.stophack.consumer.weblog.WebTraffic;
import dev.stophack.consumer.window.ArrivalWindow;
import dev.stophack.consumer.window.AttackCount;
import dev.stophack.consumer.window.AttackWindows;
import dev.stophack.consumer.window.ProcessCycles;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's state: the three window structures plus per-topic tallies, shared between the
 * Kafka thread (which {@link #apply}s batches) and the HTTP threads (which take
 * {@link #snapshot}s). One lock: a batch is applied in one go, so a snapshot never sees half of one.
 * At most {@code maxMachines} machines are kept (see {@link TrackedMachines}); rows of others are
 * skipped as {@link SkipReason#MACHINE_LIMIT}.
 */
public final class LiveCounts {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCounts.class);
    private static final long LOG_REFUSED_EVERY = 10_000;

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
    private final TrackedMachines machines;
    private final WebTraffic web;
    private final Map<String, Batch.Tally> tallies = new HashMap<>();
    /** Far enough in the past that {@code now - lastEviction} cannot overflow. */
    private long lastEviction = Long.MIN_VALUE / 2;
    private long refusedRows;

    public LiveCounts(Clock clock, Duration window, Duration history, int maxMachines) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.historyMillis = history.toMillis();
        this.process = new ProcessCycles(history.toSeconds());
        this.memory = new ArrivalWindow(windowMillis, historyMillis);
        this.attacks = new AttackWindows(historyMillis);
        // a refused machine is remembered as long as its rows could have been on a chart
        this.machines = new TrackedMachines(maxMachines, historyMillis + windowMillis);
        // the web panels keep their own history, in the log's time, under their own lock
        this.web = new WebTraffic(historyMillis, historyMillis + Duration.ofMinutes(10).toMillis());
    }

    /** The web access log's counts. */
    public WebTraffic web() {
        return web;
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
        long now = clock.millis();
        if (now - lastEviction >= 1_000) { // walks every machine: once a second is plenty
            evict(now); // first, so that places freed now can be taken by this batch
        }
        for (Batch.ProcessRun r : batch.process) {
            if (admit(batch, Topics.PROCESS, r.machine(), r.n(), now)) {
                process.add(r.machine(), r.ts(), r.n());
            }
        }
        for (Batch.MemoryRun r : batch.memory) {
            if (admit(batch, Topics.MEMORY, r.machine(), r.n(), now)) {
                memory.add(r.machine(), r.arrivalMillis(), r.n());
            }
        }
        for (AttackCount c : batch.attacks) {
            if (admit(batch, Topics.ATTACK_COUNTS, c.machine(), 1, now)) {
                attacks.put(c);
            }
        }
        batch.tallies.forEach((topic, t) -> {
            Batch.Tally mine = tallies.computeIfAbsent(topic, x -> new Batch.Tally());
            mine.counted += t.counted;
            t.skipped.forEach((reason, n) -> mine.skipped.merge(reason, n, Long::sum));
            mine.lastArrivalMillis = Math.max(mine.lastArrivalMillis, t.lastArrivalMillis);
        });
    }

    /** Forgets arrivals too old to be drawn, and frees the places of machines no chart shows any more. */
    private void evict(long now) {
        memory.evict(now);
        machines.retain(present(), now);
        lastEviction = now;
    }

    /**
     * Whether {@code n} rows of {@code machine} are counted; if not, the batch's tally of
     * {@code topic} moves them from counted to skipped.
     */
    private boolean admit(Batch batch, String topic, String machine, long n, long now) {
        if (machines.admit(machine, now)) {
            return true;
        }
        Batch.Tally t = batch.tally(topic);
        t.counted -= n;
        t.skipped.merge(SkipReason.MACHINE_LIMIT, n, Long::sum);
        if (refusedRows == 0 || (refusedRows + n) / LOG_REFUSED_EVERY > refusedRows / LOG_REFUSED_EVERY) {
            LOG.warn("{} machines are tracked already (--max-machines): rows of machine '{}' and any other new"
                    + " one are not counted ({} rows so far, logged every {})", machines.max(), machine,
                    refusedRows + n, LOG_REFUSED_EVERY);
        }
        refusedRows += n;
        return false;
    }

    /** Machines that some chart still has data of. */
    private Set<String> present() {
        Set<String> out = new HashSet<>();
        process.machines(out);
        memory.machines(out);
        attacks.machines(out);
        return out;
    }

    /** Everything, as of now. */
    public synchronized Snapshot snapshot() {
        long now = clock.millis();
        evict(now);
        Long newest = process.newestCycle();
        Map<String, TopicStats> topics = new TreeMap<>();
        topics.put(Topics.PROCESS, stats(tallies.get(Topics.PROCESS), process.tooOld()));
        topics.put(Topics.MEMORY, stats(tallies.get(Topics.MEMORY), 0));
        topics.put(Topics.ATTACK_COUNTS, stats(tallies.get(Topics.ATTACK_COUNTS), attacks.tooOld()));
        return new Snapshot(now, windowMillis, historyMillis,
                process.series(), newest, newest == null ? Map.of() : process.cycle(newest),
                memory.series(now, SAMPLE_MILLIS), memory.counts(now),
                attacks.series(), attacks.latest(),
                topics, new MachineStats(machines.tracked(), machines.max(), machines.untracked(now),
                        machines.untrackedAtLeast(now)));
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
