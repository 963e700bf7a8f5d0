package dev.stophack.controller.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.ModelPhase;
import dev.stophack.api.rollout.RolloutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutDeciderTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    final RolloutPolicy policy = new RolloutPolicy();

    /** A situation builder: versions 1..n good unless changed, and a history. */
    static final class S {
        Integer active;
        Integer candidate;
        Instant candidateSince;
        final List<VersionEvidence> versions = new ArrayList<>();
        final List<HistoryEntry> history = new ArrayList<>();
        ShadowTotals shadow = ShadowTotals.NONE;
        List<RateWindow> rates = List.of();
        Integer rollbackTo;

        S versions(int n) {
            for (int v = 1; v <= n; v++) {
                versions.add(GateTest.version(v, 0.9, 0.95));
            }
            return this;
        }

        S promoted(int from, int to, Instant at) {
            history.add(new HistoryEntry(at.toString(), "process", HistoryEntry.Action.Promoted, to, from == 0 ? null : from,
                    to, "test", Map.of(), "test"));
            active = to;
            return this;
        }

        KindSituation build() {
            return new KindSituation("process", Optional.ofNullable(active), Optional.ofNullable(candidate),
                    Optional.ofNullable(candidateSince), versions, history, shadow, rates, Optional.ofNullable(rollbackTo), NOW);
        }
    }

    @Test
    void theFirstGoodVersionIsPromotedEvenWithShadowAskedFor() {
        policy.shadow.enabled = true;
        Decision d = RolloutDecider.decide(new S().versions(1).build(), policy);
        assertThat(d.action()).as("no active version to shadow").isEqualTo(Decision.Action.PROMOTE);
        assertThat(d.version()).isEqualTo(1);
    }

    @Test
    void aNewVersionPassingTheGateIsPromotedOrShadowed() {
        S s = new S().versions(2).promoted(0, 1, NOW.minusSeconds(3600));
        assertThat(RolloutDecider.decide(s.build(), policy)).satisfies(d -> {
            assertThat(d.action()).isEqualTo(Decision.Action.PROMOTE);
            assertThat(d.version()).isEqualTo(2);
        });
        policy.shadow.enabled = true;
        assertThat(RolloutDecider.decide(s.build(), policy).action()).isEqualTo(Decision.Action.START_SHADOW);
    }

    @Test
    void aFailingVersionIsRejectedWithTheGatesReason() {
        S s = new S().versions(1).promoted(0, 1, NOW.minusSeconds(3600));
        s.versions.add(GateTest.version(2, 0.5, 0.95));
        Decision d = RolloutDecider.decide(s.build(), policy);
        assertThat(d.action()).isEqualTo(Decision.Action.REJECT);
        assertThat(d.verdict().reason()).contains("F1 0.5000 is below");
    }

    @Test
    void newVersionsAreTakenOldestFirstAndUnfinishedOnesWait() {
        S s = new S().versions(1).promoted(0, 1, NOW.minusSeconds(3600));
        s.versions.add(new VersionEvidence(2, false, false, Double.NaN, Double.NaN, Optional.empty())); // training
        s.versions.add(GateTest.version(3, 0.9, 0.95));
        s.versions.add(GateTest.version(4, 0.9, 0.95));
        assertThat(RolloutDecider.decide(s.build(), policy).version()).isEqualTo(3);
        s.history.add(new HistoryEntry(NOW.toString(), "process", HistoryEntry.Action.Rejected, 3, 1, 1, "x", Map.of(), "t"));
        assertThat(RolloutDecider.decide(s.build(), policy).version()).as("decided versions are not taken again").isEqualTo(4);
    }

    @Test
    void olderUndecidedVersionsAreLeftAlone() {
        S s = new S().versions(3).promoted(0, 3, NOW.minusSeconds(60));
        Decision d = RolloutDecider.decide(s.build(), policy);
        assertThat(d.action()).isEqualTo(Decision.Action.NONE);
        assertThat(d.verdict().reason()).contains("v3 active; no new version");
        assertThat(RolloutDecider.decide(new S().build(), policy).verdict().reason()).contains("no usable version");
    }

    @Test
    void aShadowPeriodWaitsThenPromotesOrRejects() {
        policy.shadow.enabled = true;
        S s = new S().versions(2).promoted(0, 1, NOW.minusSeconds(7200));
        s.candidate = 2;
        s.candidateSince = NOW.minus(Duration.ofMinutes(4));
        s.history.add(new HistoryEntry(s.candidateSince.toString(), "process", HistoryEntry.Action.ShadowStarted, 2, 1, 1,
                "gate", Map.of(), "t"));
        s.shadow = new ShadowTotals(40, 5000, 10);
        Decision waiting = RolloutDecider.decide(s.build(), policy);
        assertThat(waiting.action()).isEqualTo(Decision.Action.NONE);
        assertThat(waiting.verdict().reason()).contains("v2 in shadow", "5000 events", "360 s");

        s.candidateSince = NOW.minus(Duration.ofMinutes(10));
        assertThat(RolloutDecider.decide(s.build(), policy)).satisfies(d -> {
            assertThat(d.action()).isEqualTo(Decision.Action.PROMOTE);
            assertThat(d.version()).isEqualTo(2);
        });
        s.shadow = new ShadowTotals(40, 5000, 1000);
        assertThat(RolloutDecider.decide(s.build(), policy).action()).isEqualTo(Decision.Action.REJECT);
    }

    @Test
    void aRequestedRollbackComesFirst() {
        S s = new S().versions(3).promoted(0, 1, NOW.minusSeconds(7200)).promoted(1, 2, NOW.minusSeconds(600));
        s.rollbackTo = 1;
        Decision d = RolloutDecider.decide(s.build(), policy);
        assertThat(d.action()).isEqualTo(Decision.Action.ROLL_BACK);
        assertThat(d.version()).isEqualTo(1);
        assertThat(d.verdict().reason()).contains("replacing v2");

        s.rollbackTo = 2;
        assertThat(RolloutDecider.decide(s.build(), policy).verdict().reason()).contains("already active");
        s.rollbackTo = 9;
        Decision refused = RolloutDecider.decide(s.build(), policy);
        assertThat(refused.action()).isEqualTo(Decision.Action.NONE);
        assertThat(refused.verdict().passed()).isFalse();
        assertThat(refused.verdict().reason()).contains("no usable process v9");
    }

    @Test
    void theRollbackRuleUndoesAPromotion() {
        Instant promoted = RollbackRuleTest.PROMOTED;
        S s = new S().versions(2).promoted(0, 1, promoted.minusSeconds(7200)).promoted(1, 2, promoted);
        s.rates = RollbackRuleTest.windows(new long[] {5, 5, 5}, new long[] {40, 40, 40});
        Decision d = RolloutDecider.decide(s.build(), policy);
        assertThat(d.action()).isEqualTo(Decision.Action.ROLL_BACK);
        assertThat(d.version()).isEqualTo(1);
        assertThat(d.verdict().evidence()).containsEntry("rate_after", 40.0);

        policy.rollback.automatic = false;
        assertThat(RolloutDecider.decide(s.build(), policy).action()).isEqualTo(Decision.Action.NONE);
    }

    @Test
    void theRuleDoesNotUndoARollbackOrAFirstVersion() {
        Instant promoted = RollbackRuleTest.PROMOTED;
        S first = new S().versions(1).promoted(0, 1, promoted);
        first.rates = RollbackRuleTest.windows(new long[] {5, 5, 5}, new long[] {40, 40, 40});
        assertThat(RolloutDecider.decide(first.build(), policy).action()).isEqualTo(Decision.Action.NONE);

        S back = new S().versions(2).promoted(0, 1, promoted.minusSeconds(7200)).promoted(1, 2, promoted.minusSeconds(3600));
        back.history.add(new HistoryEntry(promoted.toString(), "process", HistoryEntry.Action.RolledBack, 1, 2, 1, "rule",
                Map.of(), "t"));
        back.active = 1;
        back.rates = first.rates;
        assertThat(RolloutDecider.decide(back.build(), policy).action()).isEqualTo(Decision.Action.NONE);
        assertThat(back.build().previous()).contains(2);
    }

    @Test
    void phasesFollowTheLog() {
        S s = new S().versions(4).promoted(0, 1, NOW.minusSeconds(9000)).promoted(1, 2, NOW.minusSeconds(7200));
        s.history.add(new HistoryEntry(NOW.toString(), "process", HistoryEntry.Action.Rejected, 3, 2, 2, "x", Map.of(), "t"));
        s.history.add(new HistoryEntry(NOW.toString(), "process", HistoryEntry.Action.ShadowStarted, 4, 2, 2, "x", Map.of(), "t"));
        Optional<Integer> active = Optional.of(2);
        Optional<Integer> candidate = Optional.of(4);
        assertThat(Phases.of(1, active, candidate, s.history)).isEqualTo(ModelPhase.Retired);
        assertThat(Phases.of(2, active, candidate, s.history)).isEqualTo(ModelPhase.Active);
        assertThat(Phases.of(3, active, candidate, s.history)).isEqualTo(ModelPhase.Rejected);
        assertThat(Phases.of(4, active, candidate, s.history)).isEqualTo(ModelPhase.Shadow);
        assertThat(Phases.of(5, active, candidate, s.history)).isEqualTo(ModelPhase.Candidate);
        s.history.add(new HistoryEntry(NOW.toString(), "process", HistoryEntry.Action.RolledBack, 1, 2, 1, "x", Map.of(), "t"));
        assertThat(Phases.of(2, Optional.of(1), Optional.empty(), s.history)).isEqualTo(ModelPhase.RolledBack);
        assertThat(Phases.of(1, Optional.of(1), Optional.empty(), s.history)).isEqualTo(ModelPhase.Active);
    }
}
