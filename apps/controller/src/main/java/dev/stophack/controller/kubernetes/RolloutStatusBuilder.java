package dev.stophack.controller.kubernetes;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.CandidatePointer;
import dev.stophack.api.rollout.Condition;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.KindState;
import dev.stophack.api.rollout.ModelRolloutStatus;
import dev.stophack.api.rollout.RolloutPhase;
import dev.stophack.controller.decide.Decision;
import dev.stophack.controller.rollout.RolloutStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The status of a {@code ModelRollout} from one reconcile's outcomes: the phase, each kind's
 * versions, the newest decisions of both kinds, and the Ready / Progressing / Degraded
 * conditions. Conditions keep their transition time while their status does not change.
 */
final class RolloutStatusBuilder {
    private RolloutStatusBuilder() {
    }

    static ModelRolloutStatus build(List<RolloutStep.Outcome> outcomes, Optional<String> degraded, ModelRolloutStatus previous,
            long generation, Instant now) {
        ModelRolloutStatus status = new ModelRolloutStatus();
        List<HistoryEntry> history = new ArrayList<>();
        boolean shadow = false;
        RolloutPhase phase = RolloutPhase.Idle;
        List<String> messages = new ArrayList<>();
        for (RolloutStep.Outcome o : outcomes) {
            KindState state = new KindState();
            state.active = o.after().activeVersion().orElse(null);
            state.candidate = o.after().candidateVersion().orElse(null);
            state.shadowSince = o.after().candidate().map(CandidatePointer::since).map(Instant::toString).orElse(null);
            state.promotedAt = o.after().active().map(ActivePointer::promotedAt).map(Instant::toString).orElse(null);
            state.previous = o.previous().orElse(null);
            if (o.kind() == EventKind.PROCESS) {
                status.process = state;
            } else {
                status.memory = state;
            }
            history.addAll(o.historyAfter());
            shadow |= state.candidate != null;
            if (o.changed()) {
                phase = max(phase, switch (o.decision().action()) {
                    case PROMOTE -> RolloutPhase.Promoting;
                    case ROLL_BACK -> RolloutPhase.RollingBack;
                    case START_SHADOW -> RolloutPhase.Shadow;
                    default -> RolloutPhase.Gating;
                });
            }
            messages.add(o.kind() + ": " + o.decision().verdict().reason());
        }
        if (phase == RolloutPhase.Idle && shadow) {
            phase = RolloutPhase.Shadow;
        }
        if (degraded.isPresent()) {
            phase = RolloutPhase.Degraded;
        }
        status.phase = phase;
        history.sort(Comparator.comparing((HistoryEntry e) -> e.at == null ? "" : e.at));
        history.forEach(status::record);
        status.message = degraded.map(d -> d + "; ").orElse("") + String.join("; ", messages);
        status.observedGeneration = generation;
        boolean allActive = outcomes.stream().allMatch(o -> o.after().active().isPresent());
        boolean progressing = outcomes.stream().anyMatch(RolloutStep.Outcome::changed) || shadow;
        status.conditions.add(condition(previous, Condition.READY, degraded.isEmpty() && allActive,
                degraded.isPresent() ? "Degraded" : allActive ? "ModelsActive" : "NoActiveModel",
                degraded.orElse(allActive ? "every model has an active version" : "a model has no active version yet"),
                generation, now));
        status.conditions.add(condition(previous, Condition.PROGRESSING, progressing,
                progressing ? (shadow ? "ShadowRunning" : "DecisionWritten") : "Idle", status.message, generation, now));
        status.conditions.add(condition(previous, Condition.DEGRADED, degraded.isPresent(),
                degraded.isPresent() ? reasonOf(degraded.get()) : "AsExpected", degraded.orElse("nothing is wrong"),
                generation, now));
        return status;
    }

    /** A status for a rollout that cannot be acted on at all (an invalid spec, say). */
    static ModelRolloutStatus invalid(String reason, String message, ModelRolloutStatus previous, long generation, Instant now) {
        ModelRolloutStatus status = new ModelRolloutStatus();
        status.phase = RolloutPhase.Degraded;
        status.message = message;
        status.observedGeneration = generation;
        if (previous != null) {
            status.process = previous.process;
            status.memory = previous.memory;
            status.history = previous.history;
        }
        status.conditions.add(condition(previous, Condition.READY, false, reason, message, generation, now));
        status.conditions.add(condition(previous, Condition.PROGRESSING, false, reason, message, generation, now));
        status.conditions.add(condition(previous, Condition.DEGRADED, true, reason, message, generation, now));
        return status;
    }

    static String reasonOf(String degraded) {
        if (degraded.startsWith("SparkApplication")) {
            return "SparkApplicationNotRunning";
        }
        if (degraded.startsWith("cannot read SparkApplication")) {
            return "SparkApplicationUnreadable";
        }
        return "ModelStoreUnreachable";
    }

    private static Condition condition(ModelRolloutStatus previous, String type, boolean value, String reason, String message,
            long generation, Instant now) {
        String since = now.toString();
        if (previous != null) {
            for (Condition c : previous.conditions) {
                if (type.equals(c.type) && c.isTrue() == value && c.lastTransitionTime != null) {
                    since = c.lastTransitionTime;
                }
            }
        }
        return new Condition(type, value, reason, message, since, generation);
    }

    private static RolloutPhase max(RolloutPhase a, RolloutPhase b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
