package dev.stophack.consumer.kafka;

/** Where to start reading a partition that has just been assigned. */
final class StartOffsets {
    private StartOffsets() {
    }

    /**
     * @param ours where this run stopped reading the partition, if it read it before (a rebalance
     *     gave it back): continue there, so nothing is counted twice
     * @param fromLookback the first offset at or after {@code now - lookback} ({@code offsetsForTimes}),
     *     or null when every record is older
     * @param end the log-end offset
     */
    static long choose(Long ours, Long fromLookback, long end) {
        if (ours != null) {
            return ours;
        }
        return fromLookback != null ? fromLookback : end;
    }
}
