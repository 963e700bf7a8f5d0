package dev.stophack.consumer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClockLimitTest {
    private static final long NOW = 1_700_000_000_400L; // 400 ms into a second
    private final ClockLimit limit = new ClockLimit(Duration.ofSeconds(30));

    @Test
    void aTsUpToTheSkewAheadCountsAndOneSecondMoreDoesNot() {
        assertThat(limit.checkTs(NOW / 1000 - 600, NOW)).isNull();
        assertThat(limit.checkTs(NOW / 1000 + 30, NOW)).isNull();
        assertThat(limit.checkTs(NOW / 1000 + 31, NOW)).isEqualTo(SkipReason.TS_AHEAD);
        assertThat(limit.checkTs(NOW / 1000 + 86_000, NOW)).as("what used to pass").isEqualTo(SkipReason.TS_AHEAD);
        assertThat(limit.checkTs(Long.MAX_VALUE, NOW)).isEqualTo(SkipReason.TS_AHEAD);
        assertThat(limit.checkTs(-1, NOW)).isEqualTo(SkipReason.TS_OUT_OF_RANGE);
        assertThat(limit.checkTs(0, NOW)).isNull();
    }

    @Test
    void aWindowMayStartUpToTheSkewAhead() {
        assertThat(limit.checkWindowStart(NOW - 120_000, NOW)).isNull();
        assertThat(limit.checkWindowStart(NOW + 30_000, NOW)).isNull();
        assertThat(limit.checkWindowStart(NOW + 30_001, NOW)).isEqualTo(SkipReason.WINDOW_AHEAD);
    }

    @Test
    void noSkewMeansNothingAheadOfTheClock() {
        ClockLimit strict = new ClockLimit(Duration.ZERO);
        assertThat(strict.checkTs(NOW / 1000, NOW)).as("the current second").isNull();
        assertThat(strict.checkTs(NOW / 1000 + 1, NOW)).isEqualTo(SkipReason.TS_AHEAD);
        assertThatThrownBy(() -> new ClockLimit(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
