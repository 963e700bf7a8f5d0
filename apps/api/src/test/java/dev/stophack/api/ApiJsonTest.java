package dev.stophack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stophack.api.kafka.AttackCount;
import dev.stophack.api.kafka.AttackPrediction;
import dev.stophack.api.kafka.BlocklistDecision;
import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.kafka.DetectedAttack;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.CandidatePointer;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.api.rollout.Condition;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.KindState;
import dev.stophack.api.rollout.ModelMetrics;
import dev.stophack.api.rollout.ModelPhase;
import dev.stophack.api.rollout.ModelRolloutSpec;
import dev.stophack.api.rollout.ModelRolloutStatus;
import dev.stophack.api.rollout.ModelVersionSpec;
import dev.stophack.api.rollout.ModelVersionStatus;
import dev.stophack.api.rollout.RolloutPhase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every api class written and read back with the Jackson the Spark apps use (2.15), refusing
 * unknown fields: a name that does not survive the trip fails here. The controller module has
 * the same test with its newer Jackson.
 */
class ApiJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void kafkaRecordsKeepTheirFieldNames() throws Exception {
        DeadLetter dead = new DeadLetter("process", 1, 42, "not-json: unexpected character", "{oops", 5000, "ab12", true);
        JsonNode tree = roundTrip(dead, DeadLetter.class);
        assertThat(tree.fieldNames()).toIterable().containsExactly("topic", "partition", "offset", "reason", "raw",
                "raw_bytes", "raw_sha256", "raw_truncated");
        assertThat(JSON.treeToValue(tree, DeadLetter.class)).isEqualTo(dead);

        AttackCount count = new AttackCount("2024-03-01T10:00:00Z", "2024-03-01T10:02:00Z", 7, 3);
        assertThat(roundTrip(count, AttackCount.class).fieldNames()).toIterable()
                .containsExactly("window_start", "window_end", "machine", "count");

        String detected = "{\"machine\":4,\"CMD_PID\":\"sshd_12\",\"PID\":12,\"CMD\":\"sshd\","
                + "\"process_event_time\":\"2024-03-01T10:00:00.000000Z\",\"memory_event_time\":\"2024-03-01T10:00:10.000000Z\","
                + "\"process_sequence\":1,\"CPU\":0.5,\"RSIZE\":2500.0,\"process_p_attack\":0.9,\"process_model_version\":3,"
                + "\"memory_sequence\":2,\"memory_p_attack\":0.8,\"memory_model_version\":2,"
                + "\"processing_time\":\"2024-03-01T10:00:20.000000Z\"}";
        DetectedAttack attack = JSON.readValue(detected, DetectedAttack.class);
        assertThat(attack.cmdPid).isEqualTo("sshd_12");
        assertThat(attack.memoryModelVersion).isEqualTo(2);
        assertThat(attack.measurements()).containsOnlyKeys("CPU", "RSIZE");
        assertThat(JSON.readTree(JSON.writeValueAsString(attack))).isEqualTo(JSON.readTree(detected));

        String heartbeat = "{\"topic\":\"memory\",\"heartbeat\":true,\"event_time\":\"2024-03-01T10:00:00.000000Z\"}";
        AttackPrediction beat = JSON.readValue(heartbeat, AttackPrediction.class);
        assertThat(beat.heartbeat).isTrue();
        assertThat(beat.columns()).isEmpty();
        String predicted = "{\"topic\":\"process\",\"heartbeat\":false,\"partition\":1,\"offset\":9,"
                + "\"event_time\":\"2024-03-01T10:00:00.000000Z\",\"machine\":4,\"PID\":12,\"CPU\":0.5,"
                + "\"CMD_PID\":\"sshd_12\",\"p_attack\":0.9,\"model_version\":3}";
        AttackPrediction p = JSON.readValue(predicted, AttackPrediction.class);
        assertThat(p.columns()).containsOnlyKeys("machine", "PID", "CPU");
        assertThat(p.modelVersion).isEqualTo(3);

        StreamStatus status = new StreamStatus(41, "2024-03-01T10:00:05.250Z",
                Map.of("process", new StreamStatus.KindStatus(3, 4, 1200, 130),
                        "memory", new StreamStatus.KindStatus(null, null, 800, 0)),
                Map.of("not-json", 2L), null);
        JsonNode statusTree = roundTrip(status, StreamStatus.class);
        assertThat(statusTree.fieldNames()).toIterable()
                .containsExactly("batch_id", "batch_time", "kinds", "dead_letters", "watermark");
        assertThat(statusTree.path("kinds").path("process").fieldNames()).toIterable()
                .containsExactly("active_version", "candidate_version", "events", "predicted_attacks");
        assertThat(JSON.treeToValue(statusTree, StreamStatus.class)).isEqualTo(status);
    }

    @Test
    void weblogRecordsKeepTheirFieldNames() throws Exception {
        BlocklistDecision block = new BlocklistDecision("2001:db8::7", "2024-03-01T10:00:00Z", "2024-03-01T10:01:00Z",
                601, 600, "2024-03-01T10:01:00Z", "2024-03-01T10:00:41Z");
        JsonNode tree = roundTrip(block, BlocklistDecision.class);
        assertThat(tree.fieldNames()).toIterable().containsExactly("host", "window_start", "window_end", "count",
                "threshold", "until", "decided_at");
        assertThat(JSON.treeToValue(tree, BlocklistDecision.class)).isEqualTo(block);

        WeblogAlert surge = new WeblogAlert(WeblogAlert.ERROR_SURGE, "5xx", "2024-03-01T10:00:00Z",
                "2024-03-01T10:01:00Z", 300, 1000, 0.3, 0.01, null, null, "2024-03-01T10:01:30Z");
        JsonNode s = roundTrip(surge, WeblogAlert.class);
        assertThat(s.fieldNames()).toIterable().containsExactly("kind", "status", "window_start", "window_end", "count",
                "total", "ratio", "baseline", "host", "distinct_paths", "decided_at");
        assertThat(s.get("host").isNull()).as("a surge names no host").isTrue();
        WeblogAlert scan = new WeblogAlert(WeblogAlert.URL_BUSTING, "404", "2024-03-01T10:00:00Z",
                "2024-03-01T10:01:00Z", 95, 100, 0.95, 0.02, "10.0.0.9", 93L, "2024-03-01T10:00:12Z");
        assertThat(JSON.treeToValue(roundTrip(scan, WeblogAlert.class), WeblogAlert.class)).isEqualTo(scan);
    }

    @Test
    void pointersAndShadowLinesRoundTrip() throws Exception {
        Instant at = Instant.parse("2026-11-30T12:00:00Z");
        ActivePointer active = new ActivePointer(3, "s3a://stophack/models/process/v3/model", at, "promoted");
        assertThat(JSON.treeToValue(roundTrip(active, ActivePointer.class), ActivePointer.class)).isEqualTo(active);
        assertThat(JSON.writeValueAsString(active)).contains("\"promotedAt\":\"2026-11-30T12:00:00Z\"");
        CandidatePointer candidate = new CandidatePointer(4, "s3a://stophack/models/process/v4/model", at, "shadow");
        assertThat(JSON.treeToValue(roundTrip(candidate, CandidatePointer.class), CandidatePointer.class)).isEqualTo(candidate);
        ShadowStats stats = new ShadowStats(17, 3, 1000, 12, 90, 95, at);
        assertThat(roundTrip(stats, ShadowStats.class).has("active_version")).isTrue();
    }

    @Test
    void resourceSpecsAndStatusesRoundTrip() throws Exception {
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.model = "memory";
        spec.version = 7;
        spec.uri = "s3a://stophack/models/memory/v7/model";
        spec.algorithm = "gbt";
        spec.metrics = new ModelMetrics(0.9, 0.8, 0.85, 0.82, null);
        spec.trainedAt = "2026-11-30T12:00:00Z";
        spec.trainingRows = 1000L;
        JsonNode tree = roundTrip(spec, ModelVersionSpec.class);
        assertThat(tree.path("metrics").has("auc")).as("an undefined metric is left out").isFalse();

        ModelVersionStatus status = new ModelVersionStatus();
        status.phase = ModelPhase.RolledBack;
        status.conditions.add(new Condition(Condition.READY, false, "RolledBack", "rate 4x", "2026-11-30T12:00:00Z", 2L));
        assertThat(roundTrip(status, ModelVersionStatus.class).path("phase").asText()).isEqualTo("RolledBack");

        ModelRolloutSpec rollout = new ModelRolloutSpec();
        rollout.modelRoot = "s3a://stophack/models";
        rollout.policy.shadow.enabled = true;
        JsonNode r = roundTrip(rollout, ModelRolloutSpec.class);
        assertThat(r.path("policy").path("shadow").path("period").asText()).isEqualTo("10m");
        assertThat(r.path("models")).hasSize(2);

        ModelRolloutStatus rs = new ModelRolloutStatus();
        rs.phase = RolloutPhase.Shadow;
        rs.process = new KindState();
        rs.process.active = 3;
        rs.process.candidate = 4;
        for (int i = 0; i < 25; i++) {
            rs.record(new HistoryEntry("2026-11-30T12:00:00Z", "process", HistoryEntry.Action.Promoted, i, i - 1, i,
                    "gate passed", Map.of("f1", 0.9), "controller"));
        }
        assertThat(rs.history).hasSize(ModelRolloutStatus.HISTORY_LIMIT);
        assertThat(rs.history.get(0).version).as("the oldest entries go first").isEqualTo(5);
        JsonNode s = roundTrip(rs, ModelRolloutStatus.class);
        assertThat(s.path("history").get(19).path("evidence").path("f1").asDouble()).isEqualTo(0.9);
        assertThat(s.has("memory")).isFalse();
    }

    /** Writes {@code value}, reads it back as {@code type}, writes that again: both writes must agree. */
    private static JsonNode roundTrip(Object value, Class<?> type) throws Exception {
        String first = JSON.writeValueAsString(value);
        Object back = JSON.readValue(first, type);
        JsonNode tree = JSON.readTree(first);
        assertThat(JSON.readTree(JSON.writeValueAsString(back))).isEqualTo(tree);
        return tree;
    }
}
