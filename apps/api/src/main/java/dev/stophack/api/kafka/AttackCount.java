package dev.stophack.api.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One value on {@link Topics#ATTACK_COUNTS}: how many distinct CMD_PIDs of a machine were
 * predicted as attacks in one 2-minute window. Updated every trigger while the window is open, so
 * the latest value for a (machine, window) is the current one.
 *
 * @param windowStart the window's start, ISO-8601 UTC ({@code 2024-03-01T10:00:00Z})
 * @param windowEnd   the window's end, exclusive, ISO-8601 UTC
 * @param machine     the machine id
 * @param count       distinct CMD_PIDs predicted as attack
 */
public record AttackCount(
        @JsonProperty(WINDOW_START) String windowStart,
        @JsonProperty(WINDOW_END) String windowEnd,
        @JsonProperty(MACHINE) int machine,
        @JsonProperty(COUNT) long count) {
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String MACHINE = "machine";
    public static final String COUNT = "count";
}
