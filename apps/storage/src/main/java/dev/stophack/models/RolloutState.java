package dev.stophack.models;

import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.CandidatePointer;
import java.util.Optional;

/**
 * Where one kind's pointers stand, and at which decision of its log: a decision made on this
 * state is written only if no other decision was written since ({@link StaleDecisionException}).
 *
 * @param generation the number of the newest decision in the log; 0 before the first
 * @param active     the active version's pointer, if any
 * @param candidate  the version in shadow, if any
 */
public record RolloutState(long generation, Optional<ActivePointer> active, Optional<CandidatePointer> candidate) {

    public Optional<Integer> activeVersion() {
        return active.map(ActivePointer::version);
    }

    public Optional<Integer> candidateVersion() {
        return candidate.map(CandidatePointer::version);
    }
}
