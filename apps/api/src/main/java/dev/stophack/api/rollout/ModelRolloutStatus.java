package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The status of a {@code ModelRollout}, written by the controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelRolloutStatus {
    /** The history kept in the resource: etcd objects must stay small; the whole history is in S3. */
    public static final int HISTORY_LIMIT = 20;

    @JsonPropertyDescription("Idle, Gating, Shadow, Promoting, RollingBack or Degraded.")
    public RolloutPhase phase;
    @JsonPropertyDescription("The process model's active, previous and candidate versions.")
    public KindState process;
    @JsonPropertyDescription("The memory model's active, previous and candidate versions.")
    public KindState memory;
    @JsonPropertyDescription("The last decisions, newest last (the whole history is models/<kind>/HISTORY.jsonl).")
    public List<HistoryEntry> history = new ArrayList<>();
    @JsonPropertyDescription("Ready, Progressing and Degraded, with reasons.")
    public List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("What the controller is doing or why it cannot, in words.")
    public String message;
    @JsonPropertyDescription("The metadata.generation the controller last acted on.")
    public Long observedGeneration;

    /** Adds an entry, keeping only the newest {@link #HISTORY_LIMIT}. */
    public void record(HistoryEntry entry) {
        history.add(entry);
        while (history.size() > HISTORY_LIMIT) {
            history.remove(0);
        }
    }
}
