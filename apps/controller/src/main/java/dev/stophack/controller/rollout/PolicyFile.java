package dev.stophack.controller.rollout;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stophack.api.rollout.RolloutPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rollout policy from a YAML or JSON file: a whole {@code ModelRollout} (its
 * {@code spec.policy} is taken), or the policy alone. Unknown fields are errors, so that a typo
 * does not silently leave a default in place.
 */
public final class PolicyFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PolicyFile() {
    }

    public static RolloutPolicy read(Path file) {
        try {
            JsonNode root = YAML.readTree(Files.readAllBytes(file));
            JsonNode policy = root != null && root.has("spec") ? root.path("spec").path("policy") : root;
            if (policy == null || policy.isMissingNode() || policy.isNull()) {
                return new RolloutPolicy();
            }
            return YAML.treeToValue(policy, RolloutPolicy.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a rollout policy: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
