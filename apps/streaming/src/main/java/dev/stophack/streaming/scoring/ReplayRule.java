package dev.stophack.streaming.scoring;

import java.util.function.BooleanSupplier;

/**
 * Which version scores a replayed batch. Normally the one that scored its first attempt, so that
 * a replay writes what the first attempt would have. But a model that passed validation can still
 * fail on real events, and then every attempt of its batch fails the same way: the query would
 * replay that batch with that version forever, even after the version was rolled back. So once a
 * batch has failed {@link #FAILED_ATTEMPTS} times with a version that is no longer the current
 * one, it is replayed with the current one, unless the kind's events of that batch were already
 * committed (then the recorded version did score them, and the replay must agree with that).
 */
public final class ReplayRule {
    /**
     * Failed attempts before a retired version is given up. The query restarts after 1, 2 and 4 s
     * (see {@link dev.stophack.streaming.run.Backoff}), so a rolled-back version stops blocking the
     * job within about ten seconds of the third failure; a job that was killed once and restarted
     * still replays with the recorded version.
     */
    public static final int FAILED_ATTEMPTS = 3;

    private ReplayRule() {
    }

    /**
     * Whether a replay of a batch should use {@code current} instead of {@code recorded}.
     *
     * @param recorded        the version recorded for the batch (null: it was scored by none)
     * @param failedAttempts  attempts with {@code recorded} that ended without committing the batch
     * @param current         the version current now (null: none)
     * @param eventsCommitted whether the kind's events of this batch are already committed (asked
     *                        last: it reads the output's log)
     */
    public static boolean replaces(Integer recorded, int failedAttempts, Integer current, BooleanSupplier eventsCommitted) {
        return recorded != null && current != null && !recorded.equals(current)
                && failedAttempts >= FAILED_ATTEMPTS && !eventsCommitted.getAsBoolean();
    }
}
