package dev.stophack.consumer.window;

/**
 * One row of {@code attack-counts}: potential attacks of a machine in one window.
 *
 * @param machine the machine id
 * @param windowStartMillis window start, epoch milliseconds
 * @param windowEndMillis window end, epoch milliseconds
 * @param count potential attacks in the window so far
 */
public record AttackCount(String machine, long windowStartMillis, long windowEndMillis, long count) {
}
