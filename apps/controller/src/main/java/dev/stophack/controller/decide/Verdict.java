package dev.stophack.controller.decide;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one rule: passed or not, why in words, and the figures it rested on (they go to
 * the history entry, the Kubernetes Event and the status). An unknown figure (NaN) is left out:
 * JSON has no NaN.
 */
public record Verdict(boolean passed, String reason, Map<String, Double> evidence) {

    public Verdict {
        Map<String, Double> known = new LinkedHashMap<>();
        evidence.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                known.put(k, v);
            }
        });
        evidence = Collections.unmodifiableMap(known);
    }

    static Verdict pass(String reason, Map<String, Double> evidence) {
        return new Verdict(true, reason, evidence);
    }

    static Verdict fail(String reason, Map<String, Double> evidence) {
        return new Verdict(false, reason, evidence);
    }
}
