package dev.stophack.streaming.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttackRulesTest {
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void windowsAreTwoMinutesFromTheEpoch() {
        assertThat(AttackRules.windowStart(T0.plusSeconds(119))).isEqualTo(T0);
        assertThat(AttackRules.windowStart(T0.plusSeconds(120))).isEqualTo(T0.plusSeconds(120));
        assertThat(AttackRules.windowStart(T0.minusMillis(1))).isEqualTo(T0.minusSeconds(120));
    }

    @Test
    void joinsOnlyLessThanThirtySecondsApart() {
        assertThat(AttackRules.joins(T0, T0.plusSeconds(29))).isTrue();
        assertThat(AttackRules.joins(T0.plusSeconds(29), T0)).isTrue();
        assertThat(AttackRules.joins(T0, T0.plusSeconds(30))).isFalse();
        assertThat(AttackRules.joins(T0, T0.plusSeconds(31))).isFalse();
    }

    @Test
    void formatsWindowBoundsAsIsoUtc() {
        assertThat(AttackRules.iso(T0)).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(AttackRules.interval(AttackRules.WATERMARK)).isEqualTo("20000 milliseconds");
        assertThat(AttackRules.watermark(T0)).isEqualTo(T0.minusSeconds(20));
    }
}
