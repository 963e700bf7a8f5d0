package dev.stophack.api.rollout;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The spec of a {@code ModelRollout}: which streaming job's models are rolled out, from where, by which policy. */
public class ModelRolloutSpec {
    @JsonPropertyDescription("The streaming job's SparkApplication (sparkoperator.k8s.io/v1beta2) in this namespace.")
    public String sparkApplication;
    @JsonPropertyDescription("The model store's root: s3a://BUCKET/models or a local directory.")
    @Required
    public String modelRoot;
    @JsonPropertyDescription("The kinds of model this rollout manages: process, memory.")
    @ValidationRule(value = "self.all(m, m == 'process' || m == 'memory')", message = "models are process or memory")
    public List<String> models = new ArrayList<>(List.of("process", "memory"));
    @JsonPropertyDescription("The promotion and rollback policy.")
    public RolloutPolicy policy = new RolloutPolicy();
}
