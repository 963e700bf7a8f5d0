package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where one kind's model stands: the active version, the one to roll back to, and one in shadow. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KindState {
    @JsonPropertyDescription("The active version.")
    public Integer active;
    @JsonPropertyDescription("The previous stable version: the target of a rollback.")
    public Integer previous;
    @JsonPropertyDescription("A version scoring in the shadow of the active one.")
    public Integer candidate;
    @JsonPropertyDescription("When the candidate's shadow period began, RFC 3339.")
    public String shadowSince;
    @JsonPropertyDescription("When the active version was promoted, RFC 3339.")
    public String promotedAt;
}
