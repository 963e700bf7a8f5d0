package dev.stophack.controller.decide;

import dev.stophack.api.rollout.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a rollout decides one kind's next step on, read from the model store (and, for the
 * rollback rule, from the {@code attack-counts} topic). Plain values: the decision itself needs
 * no store, no Kafka and no Kubernetes.
 *
 * @param model            process or memory
 * @param active           the active version, if any
 * @param candidate        the version in shadow, if any
 * @param candidateSince   when its shadow period began
 * @param versions         every stored version, oldest first
 * @param history          every decision so far, oldest first
 * @param shadow           what the candidate's shadow scoring saw so far
 * @param rates            closed windows of potential attacks, for the rollback rule
 * @param rollbackRequest  a version a person asked to roll back to, if any
 * @param now              the time of the decision
 */
public record KindSituation(String model, Optional<Integer> active, Optional<Integer> candidate,
        Optional<Instant> candidateSince, List<VersionEvidence> versions, List<HistoryEntry> history, ShadowTotals shadow,
        List<RateWindow> rates, Optional<Integer> rollbackRequest, Instant now) {

    /** The version with number {@code n}, if stored. */
    public Optional<VersionEvidence> version(int n) {
        return versions.stream().filter(v -> v.version() == n).findFirst();
    }

    /** The decision that made the active version active, if the log has it. */
    public Optional<HistoryEntry> activation() {
        return activation(active, history);
    }

    /** The version that was active before the active one: the target of a rollback. */
    public Optional<Integer> previous() {
        return activation().map(e -> e.from);
    }

    /** The decision in {@code history} that made {@code active} active, if there is one. */
    public static Optional<HistoryEntry> activation(Optional<Integer> active, List<HistoryEntry> history) {
        if (active.isEmpty()) {
            return Optional.empty();
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry e = history.get(i);
            if (active.get().equals(e.to) && (e.action == HistoryEntry.Action.Promoted || e.action == HistoryEntry.Action.RolledBack)
                    && !active.get().equals(e.from)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Whether any decision was about version {@code n}. */
    public boolean decided(int n) {
        return history.stream().anyMatch(e -> e.version != null && e.version == n);
    }
}
