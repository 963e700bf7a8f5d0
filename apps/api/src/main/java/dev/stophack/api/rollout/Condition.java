package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A Kubernetes-style condition: one aspect of a resource's state, with when and why it last changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";

    @JsonPropertyDescription("Ready, Progressing or Degraded.")
    public String type;
    @JsonPropertyDescription("True, False or Unknown.")
    public String status;
    @JsonPropertyDescription("A CamelCase word that says why, for machines.")
    public String reason;
    @JsonPropertyDescription("What happened, for people.")
    public String message;
    @JsonPropertyDescription("When the status last changed, RFC 3339.")
    public String lastTransitionTime;
    @JsonPropertyDescription("The metadata.generation this condition was computed from.")
    public Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, boolean status, String reason, String message, String lastTransitionTime,
            Long observedGeneration) {
        this.type = type;
        this.status = status ? "True" : "False";
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
        this.observedGeneration = observedGeneration;
    }

    @JsonIgnore
    public boolean isTrue() {
        return "True".equals(status);
    }
}
