package dev.stophack.training.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stophack.api.events.EventKind;
import dev.stophack.training.evaluate.ConfusionMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelVersionResourceTest {

    @Test
    void bodyIsTheModelVersionOfTheDesign() {
        JsonNode body = ModelVersionResource.body(EventKind.MEMORY, 7, "s3a://stophack/models/memory/v7/model", "gbt",
                new ConfusionMatrix(40, 10, 45, 5), 0.93, Instant.parse("2026-01-02T03:04:05Z"), 26_964);
        assertThat(body.path("apiVersion").asText()).isEqualTo("stophack.dev/v1alpha1");
        assertThat(body.path("kind").asText()).isEqualTo("ModelVersion");
        assertThat(body.path("metadata").path("name").asText()).isEqualTo("memory-v7");
        assertThat(body.path("metadata").path("labels").path("stophack.dev/model").asText()).isEqualTo("memory");
        JsonNode spec = body.path("spec");
        assertThat(spec.path("model").asText()).isEqualTo("memory");
        assertThat(spec.path("version").asInt()).isEqualTo(7);
        assertThat(spec.path("uri").asText()).isEqualTo("s3a://stophack/models/memory/v7/model");
        assertThat(spec.path("algorithm").asText()).isEqualTo("gbt");
        assertThat(spec.path("metrics").path("accuracy").asDouble()).isEqualTo(0.85);
        assertThat(spec.path("metrics").path("precision").asDouble()).isEqualTo(0.8);
        assertThat(spec.path("metrics").path("f1").asDouble()).isEqualTo(80.0 / 95);
        assertThat(spec.path("metrics").path("auc").asDouble()).isEqualTo(0.93);
        assertThat(spec.path("trainedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(spec.path("trainingRows").asLong()).isEqualTo(26_964);
        assertThat(body.has("status")).as("status is the controller's").isFalse();
    }

    @Test
    void anUndefinedMetricIsLeftOutNotNaN() {
        JsonNode body = ModelVersionResource.body(EventKind.PROCESS, 1, "file:/m", "dt",
                new ConfusionMatrix(0, 0, 5, 0), Double.NaN, Instant.EPOCH, 5);
        assertThat(body.path("spec").path("metrics").has("auc")).isFalse();
        assertThat(body.path("spec").path("metrics").has("precision")).isFalse();
        assertThat(body.path("spec").path("metrics").path("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(body.toString()).doesNotContain("NaN");
    }

    /**
     * The committed example is what training sends: the controller's tests hold it valid against
     * the generated CRD schema, so the two sides cannot drift apart unnoticed. Rewrite it with
     * {@code -Dstophack.examples.write=true} after a deliberate change.
     */
    @Test
    void bodyIsTheCommittedExampleTheSchemaIsCheckedWith() throws Exception {
        JsonNode body = ModelVersionResource.body(EventKind.PROCESS, 3, "s3a://stophack/models/process/v3/model", "gbt",
                new ConfusionMatrix(8_012, 1_107, 16_870, 653), 0.9731, Instant.parse("2026-11-30T10:15:00Z"), 226_740);
        Path example = repositoryRoot().resolve("k8s/examples/modelversion-process-v3.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (Boolean.getBoolean("stophack.examples.write")) {
            Files.writeString(example, json.writeValueAsString(body) + "\n");
        }
        assertThat(json.readTree(example.toFile())).isEqualTo(json.readTree(json.writeValueAsString(body)));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("k8s"))) {
            dir = dir.getParent();
        }
        return java.util.Objects.requireNonNull(dir, "no k8s/ above the working directory");
    }

    @Test
    void pathIsTheNamespacedCollection() {
        assertThat(ModelVersionResource.collectionPath("stophack"))
                .isEqualTo("/apis/stophack.dev/v1alpha1/namespaces/stophack/modelversions");
    }
}
