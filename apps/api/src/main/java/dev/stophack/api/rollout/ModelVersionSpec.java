package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The spec of a {@code ModelVersion}: one trained version of one kind's model, as training wrote
 * it to S3. Training creates the resource; the controller only reads the spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelVersionSpec {
    @JsonPropertyDescription("Which telemetry the model scores: process or memory.")
    @Required
    @Pattern("^(process|memory)$")
    public String model;
    @JsonPropertyDescription("N of models/<model>/v<N>/ in the model store.")
    @Required
    @Min(1)
    public Integer version;
    @JsonPropertyDescription("Where the Spark PipelineModel is stored (information: promotion derives it from the version).")
    @Required
    public String uri;
    @JsonPropertyDescription("The classifier: dt, gbt, rf.")
    public String algorithm;
    @JsonPropertyDescription("Quality on the held-out test split.")
    @Required
    public ModelMetrics metrics;
    @JsonPropertyDescription("When training finished, RFC 3339.")
    public String trainedAt;
    @JsonPropertyDescription("Rows the model was fitted on, after rebalancing.")
    @Min(0)
    public Long trainingRows;
}
