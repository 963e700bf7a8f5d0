package dev.stophack.cli.demo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.testkit.TestServices;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The status line's Kafka figures, against a real broker. */
class KafkaTallyTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().build();

    private static String status(long batch, long process, long memory, Integer processModel, String dead) {
        return "{\"batch_id\":" + batch + ",\"batch_time\":\"2026-11-30T10:00:00Z\",\"kinds\":{"
                + "\"process\":{\"active_version\":" + processModel + ",\"candidate_version\":null,\"events\":" + process
                + ",\"predicted_attacks\":1},"
                + "\"memory\":{\"active_version\":1,\"candidate_version\":null,\"events\":" + memory + ",\"predicted_attacks\":0}},"
                + "\"dead_letters\":" + dead + ",\"watermark\":null}";
    }

    @Test
    void countsEachBatchOnceTheLastCountOfAWindowAndEveryDetectedAttack() {
        SERVICES.send(Topics.STREAM_STATUS, "ingest", status(0, 10, 20, null, "{}"));
        SERVICES.send(Topics.STREAM_STATUS, "ingest", status(1, 5, 5, 1, "{\"not-json\":2}"));
        SERVICES.send(Topics.STREAM_STATUS, "ingest", status(1, 5, 5, 1, "{\"not-json\":2}")); // a replayed batch
        SERVICES.send(Topics.STREAM_STATUS, "ingest", status(2, 1, 0, 2, "{\"not-json\":1,\"too-big\":1}"));
        SERVICES.send(Topics.STREAM_STATUS, "ingest", "not a status");
        SERVICES.send(Topics.ATTACK_COUNTS, "4", "{\"window_start\":\"2026-11-30T10:00:00Z\",\"window_end\":\"2026-11-30T10:02:00Z\",\"machine\":4,\"count\":2}");
        SERVICES.send(Topics.ATTACK_COUNTS, "4", "{\"window_start\":\"2026-11-30T10:00:00Z\",\"window_end\":\"2026-11-30T10:02:00Z\",\"machine\":4,\"count\":5}");
        SERVICES.send(Topics.ATTACK_COUNTS, "5", "{\"window_start\":\"2026-11-30T10:00:00Z\",\"window_end\":\"2026-11-30T10:02:00Z\",\"machine\":5,\"count\":3}");
        SERVICES.send(Topics.ATTACKS, "4", "{\"machine\":4}");
        SERVICES.send(Topics.PROCESS, "4", "{}");
        SERVICES.send(Topics.MEMORY, "4", "{}");
        SERVICES.send(Topics.MEMORY, "5", "{}");
        try (KafkaTally tally = new KafkaTally(SERVICES.bootstrapServers())) {
            tally.readToEnd(Duration.ofMinutes(1));
            assertThat(tally.hasBatches()).isTrue();
            assertThat(tally.persisted()).as("batch 1 once").isEqualTo(10 + 20 + 5 + 5 + 1);
            assertThat(tally.deadLetters()).isEqualTo(2 + 2);
            assertThat(tally.models()).isEqualTo(Map.of("process", 2, "memory", 1));
            assertThat(tally.potential()).as("machine 4's window counts 5, not 2 + 5").isEqualTo(5 + 3);
            assertThat(tally.detected()).isEqualTo(1);
            assertThat(tally.events()).isEqualTo(3);
        }
    }
}
