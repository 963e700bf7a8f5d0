package dev.stophack.consumer.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.parse.ClockLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both topics' records into the detection state: bounds, repeats, and every kind of bad record skipped with its reason. */
class DetectionRecordsTest {
    static final long NOW = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000;

    final Detection detection = new Detection(10 * 60_000);
    final DetectionRecords records = new DetectionRecords(detection, new ClockLimit(Duration.ofSeconds(30)));

    static byte[] attack(int machine, String cmdPid, String processingTime, double p, double m) {
        return ("{\"machine\":" + machine + ",\"CMD_PID\":\"" + cmdPid + "\",\"PID\":7,\"CMD\":\"nc\","
                + "\"process_event_time\":\"2026-01-01T11:58:00.000000Z\",\"memory_event_time\":\"2026-01-01T11:58:10.000000Z\","
                + "\"process_p_attack\":" + p + ",\"memory_p_attack\":" + m + ",\"process_model_version\":1,"
                + "\"memory_model_version\":1,\"processing_time\":\"" + processingTime + "\",\"CPU\":0.5}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] status(long id, String time, Integer process, Integer memory, String deadLetters) {
        return ("{\"batch_id\":" + id + ",\"batch_time\":\"" + time + "\",\"kinds\":{"
                + "\"process\":{\"active_version\":" + process + ",\"candidate_version\":null,\"events\":10,\"predicted_attacks\":1},"
                + "\"memory\":{\"active_version\":" + memory + ",\"candidate_version\":null,\"events\":10,\"predicted_attacks\":0}},"
                + "\"dead_letters\":" + deadLetters + ",\"watermark\":null}").getBytes(StandardCharsets.UTF_8);
    }

    static String at(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    @Test
    void keepsTheLatestAttacksNewestFirstAndDropsRepeats() {
        for (int i = 0; i < 50; i++) {
            records.attack(attack(i % 5, "cmd_" + i, at(NOW - 60_000 + i * 1000), 0.9, 0.8), NOW);
        }
        records.attack(attack(4, "cmd_49", at(NOW - 11_000), 0.9, 0.8), NOW); // at least once: a repeat
        Detection.DetectionSnapshot s = detection.snapshot();
        assertThat(s.latest()).hasSize(LatestAttacks.KEEP);
        assertThat(s.latest().get(0).cmdPid()).isEqualTo("cmd_49");
        assertThat(s.latest().get(0).machine()).isEqualTo("4");
        assertThat(s.latest().get(0).processPAttack()).isEqualTo(0.9);
        assertThat(s.latest().get(LatestAttacks.KEEP - 1).cmdPid()).isEqualTo("cmd_30");
        assertThat(s.distinctAttacks()).isEqualTo(50);
        assertThat(s.repeatedAttacks()).isEqualTo(1);
        assertThat(s.attacksPerMinute().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50);
        assertThat(s.topics().get(Topics.ATTACKS).counted()).isEqualTo(51);
    }

    @Test
    void badRecordsAreCountedAndSkipped() {
        records.attack("{not json".getBytes(StandardCharsets.UTF_8), NOW);
        records.attack("[1,2]".getBytes(StandardCharsets.UTF_8), NOW);
        records.attack(new byte[0], NOW);
        records.attack(attack(1, "a", "yesterday", 0.9, 0.9), NOW);
        records.attack(attack(1, "a", at(NOW + HOUR), 0.9, 0.9), NOW);
        records.attack("{\"machine\":\"not a number\"}".getBytes(StandardCharsets.UTF_8), NOW);
        records.status("{\"batch_id\":\"x\"}".getBytes(StandardCharsets.UTF_8), NOW);
        records.status(status(1, "soon", 1, 1, "{}"), NOW);
        records.status(status(2, at(NOW + HOUR), 1, 1, "{}"), NOW);
        records.status("null".getBytes(StandardCharsets.UTF_8), NOW);
        Detection.DetectionSnapshot s = detection.snapshot();
        assertThat(s.topics().get(Topics.ATTACKS).skipped())
                .isEqualTo(Map.of("not_json", 4L, "no_time", 1L, "ts_ahead", 1L));
        assertThat(s.topics().get(Topics.STREAM_STATUS).skipped())
                .isEqualTo(Map.of("not_json", 2L, "no_time", 1L, "ts_ahead", 1L));
        assertThat(s.latest()).isEmpty();
        assertThat(s.batches()).isEmpty();
        assertThat(s.topics().get(Topics.ATTACKS).counted()).isZero();
    }

    @Test
    void versionsChangeAndDeadLettersAddUpPerMinute() {
        long t = NOW - 5 * 60_000;
        records.status(status(1, at(t), null, 1, "{\"not-json\":2}"), NOW);
        records.status(status(2, at(t + 10_000), 1, 1, "{\"not-json\":1,\"schema\":4}"), NOW);
        records.status(status(3, at(t + 70_000), 1, 2, "{}"), NOW);
        records.status(status(3, at(t + 70_000), 1, 2, "{\"schema\":1}"), NOW); // a replayed batch: the newest wins
        Detection.DetectionSnapshot s = detection.snapshot();
        assertThat(s.batches()).extracting(StatusHistory.Batch::batchId).containsExactly(1L, 2L, 3L);
        assertThat(s.changes()).containsExactly(new StatusHistory.Change("process", t + 10_000, null, 1),
                new StatusHistory.Change("memory", t + 70_000, 1, 2));
        assertThat(s.deadLettersPerMinute()).isEqualTo(Map.of(t, Map.of("not-json", 3L, "schema", 4L),
                t + 60_000, Map.of("schema", 1L)));
    }

    @Test
    void statusHistoryStaysBoundedInBatchesKindsAndReasons() {
        StatusHistory h = new StatusHistory(HOUR);
        for (int i = 0; i < StatusHistory.MAX_BATCHES + 500; i++) {
            h.add(i, NOW - HOUR / 2 + i, Map.of("kind" + i, 1), Map.of("reason" + i, 1L, "x".repeat(1000), 1L));
        }
        h.add(99_999, NOW, Map.of(), Map.of());
        assertThat(h.batches()).hasSize(StatusHistory.MAX_BATCHES);
        assertThat(h.kinds()).hasSize(StatusHistory.MAX_KINDS);
        assertThat(h.reasons()).hasSize(StatusHistory.MAX_REASONS + 1).contains(StatusHistory.OTHER);
        assertThat(h.reasons()).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(StatusHistory.MAX_NAME));
        h.add(100_000, NOW + HOUR, Map.of(), Map.of());
        assertThat(h.batches()).as("batches older than the history before the newest are dropped")
                .extracting(StatusHistory.Batch::batchId).containsExactly(99_999L, 100_000L);
    }

    @Test
    void repeatsAreRememberedBoundedly() {
        LatestAttacks a = new LatestAttacks(HOUR);
        for (int i = 0; i < LatestAttacks.REMEMBERED + 1; i++) {
            a.add("k" + i, new LatestAttacks.Attack(NOW, "1", "c", "c_" + i, 0.5, 0.5));
        }
        assertThat(a.add("k" + LatestAttacks.REMEMBERED, new LatestAttacks.Attack(NOW, "1", "c", "c", 0.5, 0.5))).isFalse();
        assertThat(a.add("k0", new LatestAttacks.Attack(NOW, "1", "c", "c", 0.5, 0.5)))
                .as("the oldest key is forgotten past the bound").isTrue();
        assertThat(a.latest()).hasSize(LatestAttacks.KEEP);
    }
}
