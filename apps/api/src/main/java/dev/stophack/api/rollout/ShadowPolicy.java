package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Whether a version that passed the gate first scores in the shadow of the active one, and for how long. */
public class ShadowPolicy {
    @JsonPropertyDescription("Score a new version beside the active one before promoting it.")
    @Default("false")
    public boolean enabled;
    @JsonPropertyDescription("How long the shadow period lasts: a number and s, m or h (10m).")
    @Default("10m")
    @Pattern("^[0-9]+(ms|s|m|h)$")
    public String period = "10m";
    @JsonPropertyDescription("Events both versions must have scored before the shadow period can promote.")
    @Default("1000")
    @Min(0)
    public long minEvents = 1000;
    @JsonPropertyDescription("The largest share of those events the two may predict differently, in [0, 1].")
    @Default("0.05")
    @Min(0) @Max(1)
    public double maxDisagreement = 0.05;
}
