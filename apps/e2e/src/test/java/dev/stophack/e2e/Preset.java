package dev.stophack.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The presets of {@code stophack query} and the columns docs/query.md promises for each: written
 * out here, not taken from the query module, so that a change there that breaks the documented
 * output fails this test.
 */
final class Preset {
    static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("attacks-by-machine", List.of("machine", "detected_attacks", "potential_attacks", "attack_windows",
                "worst_window", "last_detected"));
        COLUMNS.put("top-commands", List.of("CMD", "attack_events", "events", "mean_p_attack", "machines"));
        COLUMNS.put("deadletter-reasons", List.of("topic", "code", "dead_letters", "first_seen", "last_seen", "example"));
        COLUMNS.put("model-versions", List.of("model", "model_version", "events", "attacks", "first_event", "last_event",
                "last_decision", "decided_at"));
        COLUMNS.put("detection-timeline", List.of("minute", "detected_attacks", "machines", "commands"));
    }

    private Preset() {
    }
}
