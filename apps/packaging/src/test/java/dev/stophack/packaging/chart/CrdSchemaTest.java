package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.stophack.packaging.Repo;
import dev.stophack.packaging.model.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stophack.dev objects the chart renders (the ModelRollout) are valid against the CRDs the chart
 * installs, with a field the CRD does not declare refused: the API server would prune it silently.
 */
class CrdSchemaTest {
    @Test
    void theModelRolloutIsValidAgainstItsCrd() throws IOException {
        Manifests m = Manifests.parse(Chart.template(Map.of()));
        List<Manifests.Doc> ours = m.all().stream().filter(d -> d.tree().path("apiVersion").asText().startsWith("stophack.dev/")).toList();
        assertThat(ours).extracting(Manifests.Doc::kind).containsExactly("ModelRollout");
        for (Manifests.Doc d : ours) {
            JsonNode schema = crdSchema(d.kind(), d.tree().path("apiVersion").asText().substring("stophack.dev/".length()));
            var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema).validate(d.tree());
            assertThat(errors).as(d.id()).isEmpty();
        }
    }

    @Test
    void aFieldTheCrdDoesNotDeclareIsRefused() throws IOException {
        Manifests m = Manifests.parse(Chart.template(Map.of()));
        ObjectNode rollout = m.get("ModelRollout", "stophack").tree().deepCopy();
        ((ObjectNode) rollout.path("spec").path("policy")).put("minF2", 0.5);
        var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(crdSchema("ModelRollout", "v1alpha1"))
                .validate(rollout);
        assertThat(errors).anySatisfy(e -> assertThat(e.getMessage()).contains("minF2"));
    }

    /** The version's openAPIV3Schema, closed: every object with declared properties takes no others. */
    static JsonNode crdSchema(String kind, String version) throws IOException {
        try (var files = Files.list(Repo.CHART.resolve("crds"))) {
            for (Path f : files.toList()) {
                JsonNode crd = Manifests.MAPPER.readTree(f.toFile());
                if (!crd.path("spec").path("names").path("kind").asText().equals(kind)) {
                    continue;
                }
                for (JsonNode v : crd.path("spec").path("versions")) {
                    if (v.path("name").asText().equals(version)) {
                        JsonNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
                        // apiVersion, kind and metadata are the API server's own: close below the root
                        schema.path("properties").forEach(CrdSchemaTest::close);
                        return schema;
                    }
                }
            }
        }
        throw new AssertionError("no CRD in helm/stophack/crds for " + kind + " " + version);
    }

    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.forEach(CrdSchemaTest::close);
        } else if (schema != null && schema.isArray()) {
            schema.forEach(CrdSchemaTest::close);
        }
    }
}
