package dev.stophack.faults.scenario;

/** A fault injected into the laptop pipeline, and how its outputs are judged. */
public interface Scenario {
    /** The name {@code --scenario} takes. */
    String name();

    /** One line: the fault and what must hold afterwards. */
    String description();

    Outcome run(Context context) throws Exception;
}
