package dev.stophack.streaming.bench;

import java.time.OffsetDateTime;

/**
 * What makes a detected attack one (the contract's key for dropping repeats) with the event times
 * as epoch milliseconds, so that the topic's ISO text and the parquet's timestamps compare.
 */
record AttackKey(int machine, String cmdPid, long processEventMs, long memoryEventMs) {
    static AttackKey of(int machine, String cmdPid, String processEventTime, String memoryEventTime) {
        return new AttackKey(machine, cmdPid, epochMs(processEventTime), epochMs(memoryEventTime));
    }

    /** The later of the two events: the attack cannot be detected before both exist. */
    long eventMs() {
        return Math.max(processEventMs, memoryEventMs);
    }

    static long epochMs(String isoTime) {
        return OffsetDateTime.parse(isoTime).toInstant().toEpochMilli();
    }
}
