package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The evidence a version needs before it becomes active, and when a promotion is undone. */
public class RolloutPolicy {
    @JsonPropertyDescription("A version's F1 must be at least this, in [0, 1].")
    @Default("0.8")
    @Min(0) @Max(1)
    public double minF1 = 0.8;
    @JsonPropertyDescription("A version's AUC must be at least this, in [0, 1].")
    @Default("0.85")
    @Min(0) @Max(1)
    public double minAuc = 0.85;
    @JsonPropertyDescription("How far below the active version's F1 and AUC a new version may be, in [0, 1].")
    @Default("0.02")
    @Min(0) @Max(1)
    public double maxRegression = 0.02;
    @JsonPropertyDescription("The shadow period before a promotion.")
    public ShadowPolicy shadow = new ShadowPolicy();
    @JsonPropertyDescription("The automatic rollback rule.")
    public RollbackPolicy rollback = new RollbackPolicy();
}
