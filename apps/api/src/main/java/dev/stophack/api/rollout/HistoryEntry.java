package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rollout decision: a line of {@code models/<kind>/HISTORY.jsonl} (the whole history) and an
 * entry of a {@code ModelRollout}'s status (the last ones). With these, "which version was active
 * at time T" has an answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HistoryEntry {
    /** What a decision did. */
    public enum Action {
        /** The version became active. */
        Promoted,
        /** The version was refused; it never became active. */
        Rejected,
        /** The version began scoring in the shadow of the active one. */
        ShadowStarted,
        /** The active version was replaced by an earlier one. */
        RolledBack
    }

    @JsonPropertyDescription("The decision's place in its model's log: 1 for the first, one more for each next.")
    public Long generation;
    @JsonPropertyDescription("When the decision was written, RFC 3339.")
    public String at;
    @JsonPropertyDescription("process or memory.")
    public String model;
    @JsonPropertyDescription("Promoted, Rejected, ShadowStarted or RolledBack.")
    public Action action;
    @JsonPropertyDescription("The version decided on.")
    public Integer version;
    @JsonPropertyDescription("The active version before the decision.")
    public Integer from;
    @JsonPropertyDescription("The active version after the decision.")
    public Integer to;
    @JsonPropertyDescription("Why, in words.")
    public String reason;
    @JsonPropertyDescription("The figures the decision rested on (f1, auc, disagreement, rates, ...).")
    public Map<String, Double> evidence = new LinkedHashMap<>();
    @JsonPropertyDescription("Who decided: the controller, the laptop rollout loop, or a person's command.")
    public String by;

    public HistoryEntry() {
    }

    public HistoryEntry(String at, String model, Action action, Integer version, Integer from, Integer to, String reason,
            Map<String, Double> evidence, String by) {
        this.at = at;
        this.model = model;
        this.action = action;
        this.version = version;
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.evidence = evidence == null ? new LinkedHashMap<>() : new LinkedHashMap<>(evidence);
        this.by = by;
    }
}
