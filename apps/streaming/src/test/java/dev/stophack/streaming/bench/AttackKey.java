package dev.stophack.streaming.bench;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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

    /** A time as the topic carries it ({@code 2026-11-30T23:40:05.000Z}, with an offset). */
    static long epochMs(String isoTime) {
        return OffsetDateTime.parse(isoTime).toInstant().toEpochMilli();
    }

    /** A timestamp cast to text by Spark with the session in UTC ({@code 2026-11-30 23:40:05}, maybe with a fraction). */
    static long sparkTextMs(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
