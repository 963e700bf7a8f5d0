package dev.stophack.api.rollout;

/** Where a {@code ModelVersion} stands in its rollout. */
public enum ModelPhase {
    /** Trained and stored; not yet decided on. */
    Candidate,
    /** Scored beside the active version, its disagreement measured, before a decision. */
    Shadow,
    /** The version the streaming job scores with. */
    Active,
    /** Was active, replaced by a newer version. */
    Retired,
    /** Refused by the gate or the shadow period; the reason is in the status. */
    Rejected,
    /** Was active and was rolled back, on demand or by the rollback rule. */
    RolledBack
}
