package dev.stophack.controller.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated CRD schemas hold what stophack writes and refuse what it must not. Validated as
 * the API server would, plus one strictness it does not have: a field the schema does not know
 * is an error here, where the server would silently prune it (and lose it).
 */
class CrdSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    static JsonSchema schema(String crd) throws IOException {
        JsonNode root = YAML.readTree(RepositoryFiles.committedCrds().resolve(crd).toFile());
        JsonNode openApi = root.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").deepCopy();
        strict(openApi);
        ObjectNode resource = (ObjectNode) openApi;
        // the envelope every resource has besides spec and status
        ObjectNode props = (ObjectNode) resource.path("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.putObject("metadata").put("type", "object");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
    }

    /** additionalProperties: false on every object that lists its properties. */
    private static void strict(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("properties") && !o.has("additionalProperties") && !o.has("x-kubernetes-preserve-unknown-fields")) {
                o.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                strict(it.next().getValue());
            }
        } else if (node.isArray()) {
            node.forEach(CrdSchemaTest::strict);
        }
    }

    static Set<String> errors(JsonSchema schema, JsonNode resource) {
        return schema.validate(resource).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @Test
    void trainingsModelVersionIsValid() throws IOException {
        Path example = RepositoryFiles.root().resolve("k8s/examples/modelversion-process-v3.json");
        JsonNode body = JSON.readTree(example.toFile());
        assertThat(errors(schema("modelversions.stophack.dev-v1.yml"), body)).isEmpty();
    }

    @Test
    void badModelVersionsAreRefusedByTheSchema() throws IOException {
        JsonSchema schema = schema("modelversions.stophack.dev-v1.yml");
        JsonNode good = JSON.readTree(RepositoryFiles.root().resolve("k8s/examples/modelversion-process-v3.json").toFile());
        assertThat(errors(schema, with(good, "/spec/metrics", "f1", 1.5))).anyMatch(m -> m.contains("f1"));
        assertThat(errors(schema, with(good, "/spec", "version", 0))).anyMatch(m -> m.contains("version"));
        assertThat(errors(schema, with(good, "/spec", "model", "disk"))).anyMatch(m -> m.contains("model"));
        ObjectNode noUri = good.deepCopy();
        ((ObjectNode) noUri.path("spec")).remove("uri");
        assertThat(errors(schema, noUri)).anyMatch(m -> m.contains("uri"));
        ObjectNode badPhase = good.deepCopy();
        badPhase.putObject("status").put("phase", "Promoted");
        assertThat(errors(schema, badPhase)).anyMatch(m -> m.contains("phase"));
        assertThat(errors(schema, with(good, "/spec", "tranedAt", "x"))).as("a typo is an unknown field")
                .anyMatch(m -> m.contains("tranedAt"));
    }

    @Test
    void theExampleRolloutIsValidAndBadPoliciesAreNot() throws IOException {
        JsonSchema schema = schema("modelrollouts.stophack.dev-v1.yml");
        JsonNode rollout = YAML.readTree(RepositoryFiles.root().resolve("k8s/examples/modelrollout.yaml").toFile());
        assertThat(errors(schema, rollout)).isEmpty();
        assertThat(errors(schema, with(rollout, "/spec/policy", "minF1", -0.1))).anyMatch(m -> m.contains("minF1"));
        assertThat(errors(schema, with(rollout, "/spec/policy/shadow", "period", "ten minutes")))
                .anyMatch(m -> m.contains("period"));
        ObjectNode noRoot = rollout.deepCopy();
        ((ObjectNode) noRoot.path("spec")).remove("modelRoot");
        assertThat(errors(schema, noRoot)).anyMatch(m -> m.contains("modelRoot"));
    }

    @Test
    void theSchemasDescribeEveryField() throws IOException {
        for (String crd : new String[] {"modelversions.stophack.dev-v1.yml", "modelrollouts.stophack.dev-v1.yml"}) {
            JsonNode root = YAML.readTree(RepositoryFiles.committedCrds().resolve(crd).toFile());
            JsonNode openApi = root.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
            assertThat(undescribed(openApi.path("properties").path("spec"), "spec")).as(crd).isEmpty();
            assertThat(undescribed(openApi.path("properties").path("status"), "status")).as(crd).isEmpty();
        }
    }

    private static Set<String> undescribed(JsonNode schema, String path) {
        Set<String> missing = new java.util.TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String where = path + "." + field.getKey();
            if (!field.getValue().hasNonNull("description")) {
                missing.add(where);
            }
            missing.addAll(undescribed(field.getValue(), where));
            missing.addAll(undescribed(field.getValue().path("items"), where + "[]"));
        }
        return missing;
    }

    private static JsonNode with(JsonNode resource, String pointer, String field, Object value) {
        ObjectNode copy = resource.deepCopy();
        ObjectNode target = (ObjectNode) copy.at(pointer);
        target.set(field, JSON.valueToTree(value));
        return copy;
    }
}
