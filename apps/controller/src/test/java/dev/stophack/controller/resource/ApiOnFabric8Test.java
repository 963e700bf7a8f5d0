package dev.stophack.controller.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.RolloutDecision;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.ModelVersionSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The api classes with the controller's own Jackson (2.20, fabric8's), as the Spark apps read and
 * write them with 2.15 (the api module's ApiJsonTest): both sides must agree on every name.
 */
class ApiOnFabric8Test {
    private static final ObjectMapper STRICT = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void trainingsModelVersionReadsIntoTheResource() throws Exception {
        String json = Files.readString(RepositoryFiles.root().resolve("k8s/examples/modelversion-process-v3.json"));
        ModelVersion mv = new KubernetesSerialization().unmarshal(json, ModelVersion.class);
        assertThat(mv.getSpec().version).isEqualTo(3);
        assertThat(mv.getSpec().metrics.auc).isEqualTo(0.9731);
        assertThat(mv.getMetadata().getLabels()).containsEntry("stophack.dev/model", "process");
        ModelVersionSpec strict = STRICT.treeToValue(STRICT.readTree(json).path("spec"), ModelVersionSpec.class);
        assertThat(strict.trainingRows).isEqualTo(226_740L);
    }

    @Test
    void theRolloutExampleAndADecisionRoundTrip() throws Exception {
        KubernetesSerialization fabric8 = new KubernetesSerialization();
        String yaml = Files.readString(RepositoryFiles.root().resolve("k8s/examples/modelrollout.yaml"));
        ModelRollout rollout = fabric8.unmarshal(yaml, ModelRollout.class);
        assertThat(rollout.getSpec().policy.shadow.enabled).isTrue();
        ModelRollout back = fabric8.unmarshal(fabric8.asJson(rollout), ModelRollout.class);
        assertThat(STRICT.readTree(fabric8.asJson(back))).isEqualTo(STRICT.readTree(fabric8.asJson(rollout)));

        // a decision as the model registry (Jackson 2.15 in the Spark apps) writes it
        String written = "{\"entry\":{\"generation\":4,\"at\":\"2026-11-30T12:00:00Z\",\"model\":\"process\","
                + "\"action\":\"RolledBack\",\"version\":2,\"from\":3,\"to\":2,\"reason\":\"rate 4x\","
                + "\"evidence\":{\"rate_after\":40.0},\"by\":\"stophack controller\"},"
                + "\"active\":{\"version\":2,\"uri\":\"s3a://stophack/models/process/v2/model\","
                + "\"promotedAt\":\"2026-11-30T12:00:00Z\",\"reason\":\"rate 4x\"},\"candidate\":null}";
        RolloutDecision d = STRICT.readValue(written, RolloutDecision.class);
        assertThat(d.entry().action).isEqualTo(HistoryEntry.Action.RolledBack);
        assertThat(d.active()).isEqualTo(new ActivePointer(2, "s3a://stophack/models/process/v2/model",
                java.time.Instant.parse("2026-11-30T12:00:00Z"), "rate 4x"));
    }
}
