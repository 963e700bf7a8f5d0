package dev.stophack.controller.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.rollout.RolloutPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateTest {
    static final Probe PROBE_OK = new Probe(true, 40, 40, null);
    final RolloutPolicy policy = new RolloutPolicy(); // F1 >= 0.8, AUC >= 0.85, regression <= 0.02

    static VersionEvidence version(int n, double f1, double auc) {
        return new VersionEvidence(n, true, true, f1, auc, Optional.of(PROBE_OK));
    }

    @Test
    void aGoodVersionPassesWithItsFigures() {
        Verdict v = Gate.check(version(2, 0.9, 0.95), Optional.of(version(1, 0.89, 0.94)), policy);
        assertThat(v.passed()).isTrue();
        assertThat(v.reason()).contains("gate passed", "0.9000", "40/40");
        assertThat(v.evidence()).containsEntry("f1", 0.9).containsEntry("active_f1", 0.89).containsEntry("probe_rows", 40.0);
    }

    @Test
    void eachRuleRejectsWithItsReason() {
        assertThat(Gate.check(new VersionEvidence(2, true, false, 0.9, 0.95, Optional.of(PROBE_OK)), Optional.empty(), policy)
                .reason()).contains("not usable");
        assertThat(Gate.check(new VersionEvidence(2, true, true, 0.9, 0.95, Optional.empty()), Optional.empty(), policy)
                .reason()).contains("no probe result");
        Verdict dropped = Gate.check(new VersionEvidence(2, true, true, 0.9, 0.95,
                Optional.of(new Probe(false, 40, 31, "VectorAssembler: handleInvalid=skip dropped rows"))), Optional.empty(), policy);
        assertThat(dropped.passed()).isFalse();
        assertThat(dropped.reason()).contains("failed the probe", "31 of 40", "handleInvalid");
        assertThat(Gate.check(new VersionEvidence(2, true, true, 0.9, 0.95, Optional.of(new Probe(true, 40, 39, null))),
                Optional.empty(), policy).passed()).as("a probe that lost a row fails even if marked passed").isFalse();
        assertThat(Gate.check(version(2, Double.NaN, 0.95), Optional.empty(), policy).reason()).contains("no F1 or AUC");
        assertThat(Gate.check(version(2, 0.79, 0.95), Optional.empty(), policy).reason()).contains("F1 0.7900 is below");
        assertThat(Gate.check(version(2, 0.9, 0.84), Optional.empty(), policy).reason()).contains("AUC 0.8400 is below");
        assertThat(Gate.check(version(2, 0.87, 0.95), Optional.of(version(1, 0.9, 0.95)), policy).reason())
                .contains("F1 0.8700 regresses", "v1");
        assertThat(Gate.check(version(2, 0.9, 0.9), Optional.of(version(1, 0.9, 0.95)), policy).reason())
                .contains("AUC 0.9000 regresses");
    }

    @Test
    void theBoundsThemselvesPass() {
        assertThat(Gate.check(version(2, 0.8, 0.85), Optional.empty(), policy).passed()).isTrue();
        assertThat(Gate.check(version(2, 0.88, 0.93), Optional.of(version(1, 0.9, 0.95)), policy).passed()).isTrue();
        assertThat(Gate.check(version(2, 0.9, 0.95), Optional.of(version(1, Double.NaN, Double.NaN)), policy).passed())
                .as("an active version without figures sets no bar").isTrue();
    }
}
