package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/**
 * When a promotion is undone without being asked: the potential-attack rate after it is above
 * {@code rateFactor} times the rate before it, over at least {@code minWindows} windows.
 */
public class RollbackPolicy {
    @JsonPropertyDescription("Roll back by itself when the rule fires.")
    @Default("true")
    public boolean automatic = true;
    @JsonPropertyDescription("The rule fires when the potential-attack rate after a promotion exceeds this many times the rate before.")
    @Default("3.0")
    @Min(1)
    public double rateFactor = 3.0;
    @JsonPropertyDescription("Windows after the promotion (and before it) the rates are taken over, at least.")
    @Default("3")
    @Min(1)
    public int minWindows = 3;
}
