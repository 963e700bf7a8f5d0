package dev.stophack.consumer.parse;

import java.time.Duration;

/**
 * How far ahead of the consumer's clock an event time may be. The newest cycle and the newest
 * attack window decide what is too old to keep, so one row stamped hours ahead would push every
 * real cycle or window out of the history. Producer clocks drift a little, hence a small skew
 * rather than none. A row beyond it cannot be placed honestly: it is skipped, not clamped
 * (clamping would invent a cycle at "now + skew" out of rows that belong to no real one).
 */
public final class ClockLimit {
    private final long aheadMillis;

    public ClockLimit(Duration ahead) {
        if (ahead.isNegative()) {
            throw new IllegalArgumentException("the allowed skew must not be negative: " + ahead);
        }
        this.aheadMillis = ahead.toMillis();
    }

    public Duration ahead() {
        return Duration.ofMillis(aheadMillis);
    }

    /** Why a process row stamped {@code tsSeconds} is not counted at {@code nowMillis}, or null when it is. */
    public SkipReason checkTs(long tsSeconds, long nowMillis) {
        if (tsSeconds < 0) {
            return SkipReason.TS_OUT_OF_RANGE;
        }
        // compared in seconds, rounding the limit down: no overflow for any long ts
        return tsSeconds > Math.floorDiv(nowMillis + aheadMillis, 1000) ? SkipReason.TS_AHEAD : null;
    }

    /** Why a window starting at {@code startMillis} is not counted at {@code nowMillis}, or null when it is. */
    public SkipReason checkWindowStart(long startMillis, long nowMillis) {
        return startMillis > nowMillis + aheadMillis ? SkipReason.WINDOW_AHEAD : null;
    }
}
