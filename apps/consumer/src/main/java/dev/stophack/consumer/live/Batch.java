package dev.stophack.consumer.live;

import dev.stophack.consumer.parse.SkipReason;
import dev.stophack.consumer.window.AttackCount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one poll brought, already decoded, to be applied to {@link LiveCounts} under one lock.
 * Consecutive records of the same machine and cycle (or arrival time) are folded into one run,
 * since the producer sends a machine's rows together. Reused: {@link #clear()} after applying.
 */
public final class Batch {
    /** {@code n} process rows of {@code machine} stamped {@code ts}. */
    public record ProcessRun(String machine, long ts, long n) {
    }

    /** {@code n} memory rows of {@code machine} that arrived at {@code arrivalMillis}. */
    public record MemoryRun(String machine, long arrivalMillis, long n) {
    }

    /** Per topic: records counted, records skipped per reason, and when the last one arrived. */
    static final class Tally {
        long counted;
        final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long lastArrivalMillis = Long.MIN_VALUE;
    }

    final List<ProcessRun> process = new ArrayList<>();
    final List<MemoryRun> memory = new ArrayList<>();
    final List<AttackCount> attacks = new ArrayList<>();
    final Map<String, Tally> tallies = new HashMap<>();

    private String runMachine;
    private long runKey;
    private long runLength;
    private boolean runIsProcess;

    public void process(String machine, long ts) {
        extendOrStart(true, machine, ts);
    }

    public void memory(String machine, long arrivalMillis) {
        extendOrStart(false, machine, arrivalMillis);
    }

    public void attack(AttackCount count) {
        attacks.add(count);
    }

    /** {@code n} records of {@code topic} were counted, the last one arriving at {@code arrivalMillis}. */
    public void counted(String topic, long n, long arrivalMillis) {
        Tally t = tally(topic);
        t.counted += n;
        t.lastArrivalMillis = Math.max(t.lastArrivalMillis, arrivalMillis);
    }

    public void skipped(String topic, SkipReason reason) {
        tally(topic).skipped.merge(reason, 1L, Long::sum);
    }

    public boolean isEmpty() {
        flushRun();
        return process.isEmpty() && memory.isEmpty() && attacks.isEmpty() && tallies.isEmpty();
    }

    public void clear() {
        runLength = 0;
        process.clear();
        memory.clear();
        attacks.clear();
        tallies.clear();
    }

    /** Closes the open run; called before the batch is read. */
    void flushRun() {
        if (runLength > 0) {
            if (runIsProcess) {
                process.add(new ProcessRun(runMachine, runKey, runLength));
            } else {
                memory.add(new MemoryRun(runMachine, runKey, runLength));
            }
            runLength = 0;
        }
    }

    private void extendOrStart(boolean isProcess, String machine, long key) {
        // machine strings come from MachineKeys' cache: the same machine is usually the same object
        if (runLength > 0 && runIsProcess == isProcess && runKey == key
                && (runMachine == machine || Objects.equals(runMachine, machine))) {
            runLength++;
            return;
        }
        flushRun();
        runIsProcess = isProcess;
        runMachine = machine;
        runKey = key;
        runLength = 1;
    }

    Tally tally(String topic) {
        return tallies.computeIfAbsent(topic, t -> new Tally());
    }
}
