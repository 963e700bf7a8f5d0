package dev.stophack.controller.rollout;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.RolloutDecision;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.RolloutPolicy;
import dev.stophack.controller.decide.Gate;
import dev.stophack.controller.decide.Verdict;
import dev.stophack.controller.decide.VersionEvidence;
import dev.stophack.controller.evidence.StoreEvidence;
import dev.stophack.models.ModelStore;
import dev.stophack.models.RolloutState;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A person's promotion: through the gate unless forced, recorded in the history like any decision. */
public final class ManualSteps {
    private ManualSteps() {
    }

    public static RolloutDecision promote(ModelStore store, EventKind kind, int version, RolloutPolicy policy, boolean force,
            String reason, String by) throws IOException {
        RolloutState state = store.rolloutState(kind);
        List<VersionEvidence> versions = StoreEvidence.versions(store, kind);
        VersionEvidence candidate = versions.stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("there is no " + kind + " model v" + version));
        Optional<VersionEvidence> active = state.activeVersion()
                .flatMap(a -> versions.stream().filter(v -> v.version() == a).findFirst());
        Verdict gate = Gate.check(candidate, active, policy);
        if (!gate.passed() && !force) {
            throw new IllegalArgumentException(kind + " v" + version + " refused by the gate: " + gate.reason()
                    + " (--force promotes it anyway)");
        }
        String why = (reason == null ? "promoted by hand" : reason) + (gate.passed() ? "" : " (forced past the gate: "
                + gate.reason() + ")");
        return store.promote(kind, state, version,
                new HistoryEntry(null, null, HistoryEntry.Action.Promoted, version, null, null, why,
                        gate.evidence().isEmpty() ? Map.of() : gate.evidence(), by));
    }
}
