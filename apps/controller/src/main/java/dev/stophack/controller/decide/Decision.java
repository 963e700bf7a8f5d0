package dev.stophack.controller.decide;

import java.util.Map;

/**
 * The next step for one kind's model.
 *
 * @param action  what to do
 * @param version the version it is about (0 for {@link Action#NONE})
 * @param verdict why, and the figures it rests on
 */
public record Decision(Action action, int version, Verdict verdict) {

    /** What a rollout does next. */
    public enum Action {
        /** Nothing to do now; the verdict says why (waiting for a shadow period, nothing new). */
        NONE,
        /** Make the version active. */
        PROMOTE,
        /** Score the version in the shadow of the active one. */
        START_SHADOW,
        /** Refuse the version. */
        REJECT,
        /** Make an earlier version active again. */
        ROLL_BACK
    }

    static Decision none(String why) {
        return new Decision(Action.NONE, 0, new Verdict(true, why, Map.of()));
    }

    public boolean changesSomething() {
        return action != Action.NONE;
    }
}
