package dev.stophack.api.models;

import dev.stophack.api.rollout.HistoryEntry;

/**
 * The content of {@code models/<kind>/decisions/g<N>.json}: one decision of a kind's log, and
 * the pointers as they stand after it. {@code ACTIVE}, {@code CANDIDATE} and {@code HISTORY.jsonl}
 * are views of this log: the newest decision's pointers, and every decision's entry.
 *
 * @param entry     what was decided, by whom, why, on which evidence
 * @param active    the active version after the decision; null when there is none
 * @param candidate the version in shadow after the decision; null when there is none
 */
public record RolloutDecision(HistoryEntry entry, ActivePointer active, CandidatePointer candidate) {
}
