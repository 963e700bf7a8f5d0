package dev.stophack.faults.scenario;

/** A scenario of the list that is not built yet: listed, never run, never counted as passed. */
public record NotYet(String name, String description) implements Scenario {
    @Override
    public boolean ready() {
        return false;
    }

    @Override
    public Outcome run(Context context) {
        throw new UnsupportedOperationException(name + " is not built yet");
    }
}
