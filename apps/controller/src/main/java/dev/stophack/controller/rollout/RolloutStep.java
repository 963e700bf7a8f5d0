package dev.stophack.controller.rollout;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.CandidatePointer;
import dev.stophack.api.models.RolloutDecision;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.RolloutPolicy;
import dev.stophack.controller.decide.Decision;
import dev.stophack.controller.decide.KindSituation;
import dev.stophack.controller.decide.RateWindow;
import dev.stophack.controller.decide.RolloutDecider;
import dev.stophack.controller.decide.ShadowTotals;
import dev.stophack.controller.evidence.StoreEvidence;
import dev.stophack.models.ModelStore;
import dev.stophack.models.RolloutState;
import dev.stophack.models.StaleDecisionException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One rollout step for one kind, the same in the cluster and on a laptop: read the situation
 * from the model store (and the attack rates), decide, and write the decision through the
 * registry, conditional on the state it was made on. A decision that lost a race to another
 * writer is not retried here: the next step reads again and decides again.
 */
public final class RolloutStep {
    private final ModelStore store;
    private final Supplier<List<RateWindow>> rates;
    private final Clock clock;
    private final String by;

    /**
     * @param rates closed windows of potential attacks (empty when unknown)
     * @param by    who decides, for the history: the controller, the laptop loop, a person
     */
    public RolloutStep(ModelStore store, Supplier<List<RateWindow>> rates, Clock clock, String by) {
        this.store = store;
        this.rates = rates;
        this.clock = clock;
        this.by = by;
    }

    /**
     * What one step saw, decided and did.
     *
     * @param historyAfter the decision log after the step (the situation's, plus the decision written)
     */
    public record Outcome(EventKind kind, KindSituation situation, Decision decision, boolean written, String lostRace,
            RolloutState after, List<HistoryEntry> historyAfter) {

        /** The decision was written (false for a NONE, or when another writer got in first). */
        public boolean changed() {
            return written;
        }

        /** The version active before the active one, after the step. */
        public Optional<Integer> previous() {
            return KindSituation.activation(after.activeVersion(), historyAfter).map(e -> e.from);
        }
    }

    public Outcome run(EventKind kind, RolloutPolicy policy, Optional<Integer> rollbackRequest) throws IOException {
        store.repairViews(kind);
        RolloutState state = store.rolloutState(kind);
        KindSituation situation = situation(kind, state, rollbackRequest);
        Decision decision = RolloutDecider.decide(situation, policy);
        if (!decision.changesSomething()) {
            return new Outcome(kind, situation, decision, false, null, state, situation.history());
        }
        RolloutDecision written;
        try {
            written = apply(kind, state, decision);
        } catch (StaleDecisionException e) {
            return new Outcome(kind, situation, decision, false, e.getMessage(), store.rolloutState(kind), store.history(kind));
        }
        List<HistoryEntry> after = new java.util.ArrayList<>(situation.history());
        after.add(written.entry());
        return new Outcome(kind, situation, decision, true, null, new RolloutState(written.entry().generation,
                Optional.ofNullable(written.active()), Optional.ofNullable(written.candidate())), after);
    }

    /** The version active before the active one, from the history: what a rollback goes back to. */
    public Optional<Integer> previous(EventKind kind, RolloutState state) throws IOException {
        return situation(kind, state, Optional.empty()).previous();
    }

    KindSituation situation(EventKind kind, RolloutState state, Optional<Integer> rollbackRequest) throws IOException {
        Optional<CandidatePointer> candidate = state.candidate();
        ShadowTotals shadow = candidate.isPresent() ? StoreEvidence.shadow(store, kind, candidate.get()) : ShadowTotals.NONE;
        return new KindSituation(kind.id(), state.activeVersion(), state.candidateVersion(),
                candidate.map(CandidatePointer::since), StoreEvidence.versions(store, kind), store.history(kind), shadow,
                rates.get(), rollbackRequest, clock.instant());
    }

    private RolloutDecision apply(EventKind kind, RolloutState state, Decision d) throws IOException {
        return switch (d.action()) {
            case PROMOTE -> store.promote(kind, state, d.version(), entry(HistoryEntry.Action.Promoted, d));
            case ROLL_BACK -> store.promote(kind, state, d.version(), entry(HistoryEntry.Action.RolledBack, d));
            case START_SHADOW -> store.startShadow(kind, state, d.version(), entry(HistoryEntry.Action.ShadowStarted, d));
            case REJECT -> store.reject(kind, state, d.version(), entry(HistoryEntry.Action.Rejected, d));
            case NONE -> throw new IllegalStateException("nothing to apply");
        };
    }

    private HistoryEntry entry(HistoryEntry.Action action, Decision d) {
        return new HistoryEntry(null, null, action, d.version(), null, null, d.verdict().reason(), d.verdict().evidence(), by);
    }
}
