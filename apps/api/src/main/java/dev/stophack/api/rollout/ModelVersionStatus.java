package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The status of a {@code ModelVersion}, written by the controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelVersionStatus {
    @JsonPropertyDescription("Candidate, Shadow, Active, Retired, Rejected or RolledBack.")
    public ModelPhase phase;
    @JsonPropertyDescription("The last decision about this version, in words.")
    public String message;
    @JsonPropertyDescription("Ready (the version is usable), Progressing (a decision is under way), Degraded.")
    public List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("The metadata.generation the controller last acted on.")
    public Long observedGeneration;
}
