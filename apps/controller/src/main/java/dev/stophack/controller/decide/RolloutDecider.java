package dev.stophack.controller.decide;

import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.RolloutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * One kind's next step, decided from its situation and the policy; the same code decides in the
 * cluster (the controller) and on a laptop ({@code stophack rollout}). One step at a time, in
 * this order:
 *
 * <ol>
 *   <li>a rollback a person asked for;</li>
 *   <li>the end of a running shadow period: promote or reject the candidate;</li>
 *   <li>the automatic rollback rule on the active version;</li>
 *   <li>the oldest new version (newer than the active one, never decided, finished by training):
 *       the gate, then a shadow period when the policy asks for one, else promotion.</li>
 * </ol>
 */
public final class RolloutDecider {
    private RolloutDecider() {
    }

    public static Decision decide(KindSituation s, RolloutPolicy policy) {
        if (s.rollbackRequest().isPresent()) {
            return requestedRollback(s, s.rollbackRequest().get());
        }
        if (s.candidate().isPresent()) {
            int candidate = s.candidate().get();
            Duration elapsed = Duration.between(s.candidateSince().orElse(s.now()), s.now());
            Optional<Verdict> verdict = ShadowJudge.judge(s.shadow(), elapsed, policy.shadow);
            if (verdict.isEmpty()) {
                Duration left = Durations.parse(policy.shadow.period).minus(elapsed);
                return Decision.none("v" + candidate + " in shadow: " + s.shadow().scored() + " events scored, "
                        + left.toSeconds() + " s of the period left");
            }
            return new Decision(verdict.get().passed() ? Decision.Action.PROMOTE : Decision.Action.REJECT, candidate,
                    verdict.get());
        }
        Optional<Decision> rollback = automaticRollback(s, policy);
        if (rollback.isPresent()) {
            return rollback.get();
        }
        int floor = s.active().orElse(0);
        Optional<VersionEvidence> next = s.versions().stream()
                .filter(v -> v.version() > floor && v.complete() && !s.decided(v.version()))
                .min(Comparator.comparingInt(VersionEvidence::version));
        if (next.isEmpty()) {
            return Decision.none(s.active().map(a -> "v" + a + " active; no new version").orElse("no usable version yet"));
        }
        VersionEvidence candidate = next.get();
        Optional<VersionEvidence> active = s.active().flatMap(s::version);
        Verdict gate = Gate.check(candidate, active, policy);
        if (!gate.passed()) {
            return new Decision(Decision.Action.REJECT, candidate.version(), gate);
        }
        if (policy.shadow.enabled && active.isPresent()) {
            return new Decision(Decision.Action.START_SHADOW, candidate.version(), gate);
        }
        return new Decision(Decision.Action.PROMOTE, candidate.version(), gate);
    }

    private static Decision requestedRollback(KindSituation s, int to) {
        if (s.active().isPresent() && s.active().get() == to) {
            return Decision.none("rollback to v" + to + " asked for: it is already active");
        }
        Optional<VersionEvidence> target = s.version(to);
        if (target.isEmpty() || !target.get().usable()) {
            return new Decision(Decision.Action.NONE, to, new Verdict(false,
                    "rollback to v" + to + " refused: there is no usable " + s.model() + " v" + to, Map.of()));
        }
        return new Decision(Decision.Action.ROLL_BACK, to, new Verdict(true,
                "rollback to v" + to + " asked for" + s.active().map(a -> " (replacing v" + a + ")").orElse(""), Map.of()));
    }

    private static Optional<Decision> automaticRollback(KindSituation s, RolloutPolicy policy) {
        if (!policy.rollback.automatic) {
            return Optional.empty();
        }
        Optional<HistoryEntry> activation = s.activation();
        if (activation.isEmpty() || activation.get().action != HistoryEntry.Action.Promoted || activation.get().from == null) {
            return Optional.empty(); // the first version, or one a rollback restored: nothing to go back to
        }
        Instant promotedAt = Instant.parse(activation.get().at);
        return RollbackRule.evaluate(s.rates(), promotedAt, policy.rollback)
                .filter(Verdict::passed)
                .map(v -> new Decision(Decision.Action.ROLL_BACK, activation.get().from, v));
    }
}
