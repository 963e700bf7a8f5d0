package dev.stophack.faults.scenario;

/** A fault injected into the laptop pipeline, and how its outputs are judged. */
public interface Scenario {
    /** The name {@code --scenario} takes. */
    String name();

    /** One line: the fault and what must hold afterwards. */
    String description();

    /**
     * Whether it runs a streaming job, the costly part on two cores (a start takes a minute or
     * more): scenarios that do not run beside the others, outside {@code --parallel}.
     */
    default boolean streams() {
        return true;
    }

    Outcome run(Context context) throws Exception;
}
