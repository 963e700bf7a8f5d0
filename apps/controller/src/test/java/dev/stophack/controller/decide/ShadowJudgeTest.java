package dev.stophack.controller.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.rollout.ShadowPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShadowJudgeTest {
    final ShadowPolicy policy = new ShadowPolicy(); // 10m, 1000 events, 5%

    @Test
    void waitsUntilThePeriodIsOver() {
        assertThat(ShadowJudge.judge(new ShadowTotals(50, 100_000, 0), Duration.ofMinutes(9), policy)).isEmpty();
    }

    @Test
    void promotesOnEnoughAgreeingEvents() {
        Verdict v = ShadowJudge.judge(new ShadowTotals(120, 2000, 100), Duration.ofMinutes(10), policy).orElseThrow();
        assertThat(v.passed()).isTrue();
        assertThat(v.evidence()).containsEntry("disagreement", 0.05).containsEntry("shadow_events", 2000.0);
    }

    @Test
    void rejectsTooFewEventsOrTooMuchDisagreement() {
        Verdict few = ShadowJudge.judge(new ShadowTotals(3, 999, 0), Duration.ofMinutes(11), policy).orElseThrow();
        assertThat(few.passed()).isFalse();
        assertThat(few.reason()).contains("only 999 events", "1000 needed");
        Verdict apart = ShadowJudge.judge(new ShadowTotals(120, 2000, 101), Duration.ofHours(1), policy).orElseThrow();
        assertThat(apart.passed()).isFalse();
        assertThat(apart.reason()).contains("5.05%");
    }

    @Test
    void durationsOfTheResources() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parse("ten minutes"))
                .hasMessageContaining("not a duration");
    }
}
