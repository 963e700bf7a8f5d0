package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One record that claims to come from half an hour ahead must not make every attack after it
 * late: the windows' and the join's watermark follows the event times the job accepts, so the
 * job must not accept that one. The same for a record without a Kafka timestamp, which used to
 * skip the check. Attacks of the next batch are then counted and joined as usual.
 */
class FutureEventTimeTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final String RUN = "future";
    static final long NOW = Instant.now().getEpochSecond();
    /** A window start a quarter of an hour ago: every event of the test but the future ones is in the past. */
    static final long BASE = Math.floorDiv(NOW - 900, 120) * 120;
    static final int ATTACKS = 5;

    @Test
    void aFutureEventTimeIsADeadLetterAndTheAttacksAfterItAreCounted() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "test");
        FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "test");

        // batch 1: an event of each kind now-ish, then one half an hour ahead of its Kafka timestamp,
        // and one as far ahead with no Kafka timestamp (0): none of them an attack, so only the
        // heartbeat could carry their time to the watermark
        rig.produce(Topics.PROCESS, "4", List.of(process(4, 1, "first", BASE, 10), process(4, 2, "ahead", NOW + 1800, 10)));
        rig.produce(Topics.MEMORY, "4", List.of(memory(4, 1, "first", BASE, 1, 0), memory(4, 2, "ahead", NOW + 1800, 1, 0)));
        rig.send(List.of(
                new ProducerRecord<>(Topics.PROCESS, null, 0L, "4", bytes(process(4, 3, "untimed", NOW + 1800, 10))),
                new ProducerRecord<>(Topics.MEMORY, null, 0L, "4", bytes(memory(4, 3, "untimed", NOW + 1800, 1, 0)))));
        rig.runOnce(RUN);

        // batch 2: attacks of both kinds 10 s after the first events, memory 5 s after process,
        // then events 400 s later that close their window
        List<String> attacks = new ArrayList<>();
        List<String> memoryAttacks = new ArrayList<>();
        for (int i = 0; i < ATTACKS; i++) {
            attacks.add(process(4, 100 + i, "evil", BASE + 10 + i, 90));
            memoryAttacks.add(memory(4, 100 + i, "evil", BASE + 15 + i, 9, 0));
        }
        attacks.add(process(4, 900, "flush", BASE + 400, 10));
        memoryAttacks.add(memory(4, 900, "flush", BASE + 400, 1, 0));
        rig.produce(Topics.PROCESS, "4", attacks);
        rig.produce(Topics.MEMORY, "4", memoryAttacks);
        StreamMetrics second = rig.runOnce(RUN);

        assertThat(rig.rows(S3Layout.POTENTIAL_ATTACKS)).extracting(
                r -> r.<Timestamp>getAs("window_start").toInstant().getEpochSecond(), r -> r.getAs("machine"),
                r -> r.getAs("count"))
                .as("every attack of the second batch counted in its window")
                .containsExactly(tuple(BASE, 4, (long) ATTACKS));
        assertThat(rig.parquet(S3Layout.DETECTED_ATTACKS).count()).as("and joined").isEqualTo(ATTACKS);
        assertThat(second.count("stophack_stream_late_rows", "query", StreamJob.POTENTIAL)).isZero();
        assertThat(second.count("stophack_stream_late_rows", "query", StreamJob.DETECTED)).isZero();

        String ahead = "absurd-value: ts is 1[78]\\d\\d s after the Kafka timestamp \\(at most 10 s\\)";
        String untimed = "absurd-value: ts is 1[78]\\d\\d s after the time the job read it \\(the record has no Kafka"
                + " timestamp\\) \\(at most 10 s\\)";
        List<Row> dead = rig.rows(S3Layout.DEADLETTER, "topic", "offset");
        assertThat(dead).extracting(r -> r.<String>getAs("topic")).containsExactly("memory", "memory", "process", "process");
        assertThat(dead).extracting(r -> r.<String>getAs("reason"))
                .satisfiesExactly(r -> assertThat(r).matches(ahead), r -> assertThat(r).matches(untimed),
                        r -> assertThat(r).matches(ahead), r -> assertThat(r).matches(untimed));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
