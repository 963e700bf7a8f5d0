package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** A model version's quality on its held-out test split; a metric that could not be computed is null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelMetrics {
    @JsonPropertyDescription("Share of test rows predicted right, in [0, 1].")
    @Min(0) @Max(1)
    public Double accuracy;
    @JsonPropertyDescription("Of the rows predicted as attack, the share that are attacks, in [0, 1].")
    @Min(0) @Max(1)
    public Double precision;
    @JsonPropertyDescription("Of the attacks, the share predicted as attack, in [0, 1].")
    @Min(0) @Max(1)
    public Double recall;
    @JsonPropertyDescription("Harmonic mean of precision and recall, in [0, 1].")
    @Min(0) @Max(1)
    public Double f1;
    @JsonPropertyDescription("Area under the ROC curve, in [0, 1].")
    @Min(0) @Max(1)
    public Double auc;

    public ModelMetrics() {
    }

    public ModelMetrics(Double accuracy, Double precision, Double recall, Double f1, Double auc) {
        this.accuracy = accuracy;
        this.precision = precision;
        this.recall = recall;
        this.f1 = f1;
        this.auc = auc;
    }
}
