package dev.stophack.faults.scenario;

import dev.stophack.faults.census.Tally;
import java.util.List;

/**
 * One scenario's result: what was injected, what the outputs hold, and the scenario's own checks
 * beyond the count (each a sentence, empty when they all held).
 */
public record Outcome(String scenario, String injected, Tally tally, List<String> failures, List<String> notes) {

    public boolean passed() {
        return tally.clean() && failures.isEmpty();
    }

    public String verdict() {
        return passed() ? "PASS" : "FAIL";
    }
}
