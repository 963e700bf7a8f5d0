package dev.stophack.controller.decide;

import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.ModelPhase;
import java.util.List;
import java.util.Optional;

/** A version's phase, derived from the pointers and the decision log (never stored apart from them). */
public final class Phases {
    private Phases() {
    }

    public static ModelPhase of(int version, Optional<Integer> active, Optional<Integer> candidate,
            List<HistoryEntry> history) {
        if (active.isPresent() && active.get() == version) {
            return ModelPhase.Active;
        }
        if (candidate.isPresent() && candidate.get() == version) {
            return ModelPhase.Shadow;
        }
        ModelPhase phase = ModelPhase.Candidate;
        for (HistoryEntry e : history) {
            if (e.action == HistoryEntry.Action.Rejected && e.version != null && e.version == version) {
                phase = ModelPhase.Rejected;
            } else if (e.to != null && e.to == version && (e.from == null || e.from != version)) {
                phase = ModelPhase.Active; // became active; what replaced it decides below
            } else if (e.from != null && e.from == version && (e.to == null || e.to != version)) {
                phase = e.action == HistoryEntry.Action.RolledBack ? ModelPhase.RolledBack : ModelPhase.Retired;
            }
        }
        return phase == ModelPhase.Active ? ModelPhase.Retired : phase; // not active now (checked above)
    }
}
