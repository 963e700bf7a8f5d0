package dev.stophack.api.rollout;

/** What a {@code ModelRollout} is doing now. */
public enum RolloutPhase {
    /** Nothing to decide. */
    Idle,
    /** A new version is being checked against the policy. */
    Gating,
    /** A version scores in the shadow of the active one until its period ends. */
    Shadow,
    /** A decision to promote is being written. */
    Promoting,
    /** A rollback is being written. */
    RollingBack,
    /** The rollout cannot act: the streaming job is not running, or the model store is out of reach. */
    Degraded
}
