package dev.stophack.controller.decide;

import java.time.Instant;

/**
 * One closed 2-minute window of potential attacks, summed over machines.
 *
 * @param start the window's start
 * @param end   its end (exclusive)
 * @param count distinct CMD_PIDs predicted as attack in it, over all machines
 */
public record RateWindow(Instant start, Instant end, long count) {
}
