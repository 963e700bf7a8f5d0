package dev.stophack.controller.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.rollout.RollbackPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackRuleTest {
    static final Instant PROMOTED = Instant.parse("2026-11-30T10:00:00Z");
    final RollbackPolicy policy = new RollbackPolicy(); // 3x over 3 windows

    /** Windows of two minutes around the promotion: {@code before} counts end at it, {@code after} begin at it. */
    static List<RateWindow> windows(long[] before, long[] after) {
        List<RateWindow> w = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            Instant end = PROMOTED.minus(Duration.ofMinutes(2L * (before.length - 1 - i)));
            w.add(new RateWindow(end.minus(Duration.ofMinutes(2)), end, before[i]));
        }
        for (int i = 0; i < after.length; i++) {
            Instant start = PROMOTED.plus(Duration.ofMinutes(2L * i));
            w.add(new RateWindow(start, start.plus(Duration.ofMinutes(2)), after[i]));
        }
        return w;
    }

    @Test
    void firesWhenTheRateAfterIsAboveTheFactor() {
        Verdict v = RollbackRule.evaluate(windows(new long[] {10, 10, 10}, new long[] {31, 31, 31}), PROMOTED, policy)
                .orElseThrow();
        assertThat(v.passed()).isTrue();
        assertThat(v.evidence()).containsEntry("rate_before", 10.0).containsEntry("rate_after", 31.0);
    }

    @Test
    void holdsAtTheFactorItself() {
        assertThat(RollbackRule.evaluate(windows(new long[] {10, 10, 10}, new long[] {30, 30, 30}), PROMOTED, policy)
                .orElseThrow().passed()).isFalse();
    }

    @Test
    void judgesOnlyWithEnoughWindowsOnBothSides() {
        assertThat(RollbackRule.evaluate(windows(new long[] {10, 10, 10}, new long[] {99, 99}), PROMOTED, policy)).isEmpty();
        assertThat(RollbackRule.evaluate(windows(new long[] {10, 10}, new long[] {99, 99, 99}), PROMOTED, policy)).isEmpty();
    }

    @Test
    void usesTheNewestWindowsOnEachSide() {
        // an old burst long before the promotion does not raise the baseline
        Verdict v = RollbackRule.evaluate(windows(new long[] {500, 500, 2, 2, 2}, new long[] {9, 9, 9}), PROMOTED, policy)
                .orElseThrow();
        assertThat(v.evidence()).containsEntry("rate_before", 2.0);
        assertThat(v.passed()).isTrue();
    }

    @Test
    void aQuietBaselineCountsAsOneAttackPerWindow() {
        assertThat(RollbackRule.evaluate(windows(new long[] {0, 0, 0}, new long[] {3, 3, 3}), PROMOTED, policy)
                .orElseThrow().passed()).isFalse();
        assertThat(RollbackRule.evaluate(windows(new long[] {0, 0, 0}, new long[] {4, 4, 4}), PROMOTED, policy)
                .orElseThrow().passed()).isTrue();
    }

    @Test
    void aWindowAcrossThePromotionCountsOnNeitherSide() {
        List<RateWindow> w = windows(new long[] {10, 10, 10}, new long[] {31, 31, 31});
        w.add(new RateWindow(PROMOTED.minusSeconds(60), PROMOTED.plusSeconds(60), 1_000));
        assertThat(RollbackRule.evaluate(w, PROMOTED, policy).orElseThrow().evidence()).containsEntry("rate_after", 31.0)
                .containsEntry("rate_before", 10.0);
    }
}
