package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.AttackCount;
import dev.stophack.api.kafka.AttackPrediction;
import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.kafka.DetectedAttack;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From produced events to every output, with a model whose rule is known (CPU > 50 and MEM > 5
 * are attacks), so every count is exact. Phase one: the main events, every raw value format and
 * a malformed message of every kind. Phase two: data late within and beyond the watermark, then
 * events that move the watermark past every window so the final counts are written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamEndToEndTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = "e2e";
    static StreamRig rig;

    static final int ATTACK_CPU = 90;
    static final int NORMAL_CPU = 10;
    static final int ATTACK_MEM = 9;
    static final int NORMAL_MEM = 1;

    static final List<String> PROCESS_1 = List.of(
            process(4, 100, "evil", T0, ATTACK_CPU),          // joins memory 29 s later
            process(4, 200, "slow", T0, ATTACK_CPU),          // memory 31 s later: no join
            process(4, 300, "both", T0 + 10, ATTACK_CPU),     // memory says normal: no join
            process(4, 400, "sshd", T0 + 5, NORMAL_CPU),      // memory says attack: no join
            process(4, 500, "edge", T0, ATTACK_CPU),          // memory exactly 30 s later: no join
            process(4, 600, "late", T0 + 125, ATTACK_CPU),    // second window
            process(4, 900, "cron", T0 + 200, NORMAL_CPU),   // watermark T0 + 180: the first window closes
            process(5, 100, "evil", T0, ATTACK_CPU));         // same CMD_PID, other machine
    static final List<String> MEMORY_1 = List.of(
            memory(4, 100, "evil", T0 + 29, ATTACK_MEM, 0),
            memory(4, 200, "slow", T0 + 31, ATTACK_MEM, 0),
            memory(4, 300, "both", T0 + 10, NORMAL_MEM, 0),
            memory(4, 400, "sshd", T0 + 5, ATTACK_MEM, 0),
            memory(4, 500, "edge", T0 + 30, ATTACK_MEM, 0),
            memory(4, 900, "cron", T0 + 200, NORMAL_MEM, 0));
    /** Every raw size format atop writes, with what it must become (null: no value). */
    static final Map<String, Double> FORMATS = new java.util.LinkedHashMap<>();

    static {
        FORMATS.put("2.5K", 2_500.0);
        FORMATS.put(" 12M", 12_000_000.0);
        FORMATS.put("1.2G", 1_200_000_000.0);
        FORMATS.put("3 k", 3_000.0);
        FORMATS.put("50%", 50.0);
        FORMATS.put("-", null);
        FORMATS.put("OVFLOW", null);
        FORMATS.put("", null);
    }

    static List<String> formatEvents() {
        List<String> events = new ArrayList<>();
        int pid = 1000;
        for (String raw : FORMATS.keySet()) {
            events.add(memory(6, pid++, "fmt", T0 + 60, NORMAL_MEM, raw));
        }
        // a process that ended in the interval: no sizes at all, which is not an error
        events.add("{\"sequence\":1,\"machine\":6,\"PID\":1999,\"MINFLT\":\"\",\"MAJFLT\":\"\",\"VSTEXT\":\"\","
                + "\"VSIZE\":\"\",\"RSIZE\":\"\",\"VGROW\":\"\",\"RGROW\":\"\",\"MEM\":0.5,\"CMD\":\"<kworker>\",\"ts\":"
                + (T0 + 60) + "}");
        return events;
    }

    static final long FUTURE = Instant.now().getEpochSecond() + 86_400;
    /** One malformed message of every kind, with the reason code it must get. */
    static final List<String[]> MALFORMED_PROCESS = List.of(
            new String[] {"not json{", "not-json"},
            new String[] {"[1,2,3]", "not-an-object"},
            new String[] {"{\"machine\":4,\"PID\":1,\"CPU\":5}", "missing-field"},
            new String[] {"{\"machine\":\"four\",\"PID\":1,\"ts\":" + T0 + "}", "not-a-number"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"CPU\":\"12Q\"}", "unparseable-number"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"CPU\":-5}", "absurd-value"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + FUTURE + "}", "absurd-value"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"CMD\":{}}", "wrong-type"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}",
                "too-deep"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"CPU\":" + "9".repeat(2000) + "}", "too-long"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"CMD\":\"" + "x".repeat(5000) + "\"}", "too-long"});
    static final List<String[]> MALFORMED_MEMORY = List.of(
            new String[] {"", "not-json"},
            new String[] {"{\"ts\":", "not-json"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"MINFLT\":\"abc\"}", "unparseable-number"},
            new String[] {"{\"machine\":4,\"PID\":1,\"ts\":" + T0 + ",\"RSIZE\":\"-3K\"}", "absurd-value"});

    static final List<String> PROCESS_2 = List.of(
            process(5, 700, "latein", T0 + 185, ATTACK_CPU),  // older than the latest event, newer than the watermark
            process(5, 800, "lateout", T0 + 60, ATTACK_CPU),  // its window closed: persisted, not counted, not joined
            process(4, 901, "flush", T0 + 400, NORMAL_CPU));  // moves the watermark past every window
    static final List<String> MEMORY_2 = List.of(
            memory(5, 700, "latein", T0 + 190, ATTACK_MEM, 0),
            memory(5, 800, "lateout", T0 + 62, ATTACK_MEM, 0),
            memory(4, 901, "flush", T0 + 400, NORMAL_MEM, 0));

    @BeforeAll
    static void publishModelsAndProducePhaseOne() throws Exception {
        rig = new StreamRig(SERVICES);
        FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "test");
        FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "test");
        rig.produce(Topics.PROCESS, "4", PROCESS_1);
        rig.produce(Topics.MEMORY, "4", MEMORY_1);
        rig.produce(Topics.MEMORY, "6", formatEvents());
        rig.produce(Topics.PROCESS, "x", MALFORMED_PROCESS.stream().map(m -> m[0]).toList());
        rig.produce(Topics.MEMORY, "x", MALFORMED_MEMORY.stream().map(m -> m[0]).toList());
        rig.runOnce(RUN);
    }

    @Test
    @Order(1)
    void everyRecordIsPersistedOrDeadLetteredExactlyOnce() {
        Dataset<Row> process = rig.parquet(S3Layout.events(EventKind.PROCESS));
        Dataset<Row> memory = rig.parquet(S3Layout.events(EventKind.MEMORY));
        Dataset<Row> dead = rig.parquet(S3Layout.DEADLETTER);
        int produced = PROCESS_1.size() + MEMORY_1.size() + formatEvents().size() + MALFORMED_PROCESS.size()
                + MALFORMED_MEMORY.size();
        assertThat(process.count()).isEqualTo(PROCESS_1.size());
        assertThat(memory.count()).isEqualTo(MEMORY_1.size() + formatEvents().size());
        assertThat(dead.count()).isEqualTo(MALFORMED_PROCESS.size() + MALFORMED_MEMORY.size());
        assertThat(process.count() + memory.count() + dead.count()).as("produced = persisted + dead-lettered")
                .isEqualTo(produced);
        assertThat(process.select("kafka_partition", "kafka_offset").distinct().count()).isEqualTo(process.count());
        assertThat(process.columns()).contains("date", "event_time", "CMD_PID", "NICE", "prediction", "p_attack",
                "model_version");
    }

    @Test
    @Order(2)
    void eventsAreScoredWithTheActiveModelAndCarryItsVersion() {
        List<Row> process = rig.parquet(S3Layout.events(EventKind.PROCESS))
                .select("machine", "CMD_PID", "CPU", "prediction", "p_attack", "model_version").collectAsList();
        for (Row r : process) {
            double expected = r.getDouble(2) > 50 ? 1.0 : 0.0;
            assertThat(r.getDouble(3)).as("prediction of %s", r).isEqualTo(expected);
            assertThat(r.getDouble(4)).as("p_attack of %s", r).isEqualTo(expected);
            assertThat(r.getInt(5)).isEqualTo(1);
        }
        assertThat(rig.parquet(S3Layout.events(EventKind.MEMORY)).filter(col("prediction").equalTo(1.0)).count())
                .as("MEM 9 rows: evil, slow, sshd, edge").isEqualTo(4);
    }

    @Test
    @Order(3)
    void everyRawValueFormatIsNormalised() {
        Map<Integer, Row> byPid = new HashMap<>();
        rig.parquet(S3Layout.events(EventKind.MEMORY)).filter(col("machine").equalTo(6)).collectAsList()
                .forEach(r -> byPid.put(r.<Integer>getAs("PID"), r));
        int pid = 1000;
        for (Map.Entry<String, Double> f : FORMATS.entrySet()) {
            Row r = byPid.get(pid++);
            assertThat(r).as(f.getKey()).isNotNull();
            assertThat(r.<Double>getAs("MINFLT")).as("MINFLT '%s'", f.getKey()).isEqualTo(f.getValue());
            assertThat(r.<Double>getAs("VSIZE")).isEqualTo(1.2e9);
            assertThat(r.<Double>getAs("RGROW")).isEqualTo(-4_000.0);
        }
        Row ended = byPid.get(1999);
        assertThat(ended.<String>getAs("CMD_PID")).isEqualTo("<kworker>_1999");
        assertThat(ended.<Double>getAs("RSIZE")).isNull();
        Row sshd = rig.parquet(S3Layout.events(EventKind.PROCESS)).filter(col("CMD_PID").equalTo("sshd_400")).first();
        assertThat(sshd.<Double>getAs("NICE")).as("NICE = PRI - 120").isEqualTo(0.0);
        assertThat(sshd.<Timestamp>getAs("event_time").toInstant()).isEqualTo(Instant.ofEpochSecond(T0 + 5));
    }

    @Test
    @Order(4)
    void malformedMessagesOfEveryKindAreDeadLetteredWithTheirReason() {
        List<Row> dead = rig.parquet(S3Layout.DEADLETTER).orderBy("topic", "partition", "offset").collectAsList();
        Map<String, String> reasonByRaw = new HashMap<>();
        dead.forEach(r -> reasonByRaw.put(r.<String>getAs("topic") + "|" + r.<String>getAs("raw"), r.getAs("reason")));
        for (String[] m : MALFORMED_PROCESS) {
            assertThat(reasonByRaw.get("process|" + m[0])).as(m[0]).startsWith(m[1]);
        }
        for (String[] m : MALFORMED_MEMORY) {
            assertThat(reasonByRaw.get("memory|" + m[0])).as(m[0]).startsWith(m[1]);
        }
        List<ConsumerRecord<String, String>> topic = rig.readAll(Topics.DEADLETTER, 100);
        assertThat(topic).hasSize(dead.size());
        JsonNode first = read(topic.get(0).value());
        assertThat(first.has("topic") && first.has("partition") && first.has("offset") && first.has("reason")
                && first.has("raw")).as(first.toString()).isTrue();
        assertThat(topic.get(0).key()).isIn("process", "memory");
    }

    @Test
    @Order(5)
    void aWindowIsFinalOnlyOnceTheWatermarkPassedItsEndWhileTheTopicIsLive() {
        List<Row> potential = rig.rows(S3Layout.POTENTIAL_ATTACKS, "window_start", "machine");
        assertThat(potential).extracting(r -> r.<Timestamp>getAs("window_start").toInstant().getEpochSecond(),
                r -> r.getAs("machine"), r -> r.getAs("count"))
                .as("watermark T0 + 180 s: the first window is final, the second is not")
                .containsExactly(
                        tuple(T0, 4, 5L),   // evil, slow, both, sshd, edge
                        tuple(T0, 5, 1L));  // evil
        assertThat(potential.get(0).<Timestamp>getAs("window_end").toInstant()).isEqualTo(Instant.ofEpochSecond(T0 + 120));
        assertThat(latestCounts()).containsEntry("4|" + iso(T0), 5L).containsEntry("5|" + iso(T0), 1L)
                .containsEntry("4|" + iso(T0 + 120), 1L).hasSize(3);
    }

    @Test
    @Order(6)
    void theJoinTakesBothAttacksOfOneProcessLessThan30SecondsApart() {
        List<Row> detected = rig.parquet(S3Layout.DETECTED_ATTACKS).collectAsList();
        assertThat(detected).extracting(r -> r.getAs("machine"), r -> r.getAs("CMD_PID"))
                .as("29 s joins; 30 s and 31 s do not; one side normal does not; other machine does not")
                .containsExactly(tuple(4, "evil_100"));
        Row row = detected.get(0);
        assertThat(row.<Timestamp>getAs("process_event_time").toInstant()).isEqualTo(Instant.ofEpochSecond(T0));
        assertThat(row.<Timestamp>getAs("memory_event_time").toInstant()).isEqualTo(Instant.ofEpochSecond(T0 + 29));
        assertThat(row.<Double>getAs("CPU")).isEqualTo(90.0);
        assertThat(row.<Double>getAs("MEM")).isEqualTo(9.0);
        assertThat(row.<Integer>getAs("process_model_version")).isEqualTo(1);
        assertThat(row.<Timestamp>getAs("processing_time")).isNotNull();
        List<ConsumerRecord<String, String>> attacks = rig.readAll(Topics.ATTACKS, 10);
        assertThat(attacks).hasSize(1);
        assertThat(attacks.get(0).key()).isEqualTo("4");
        assertThat(read(attacks.get(0).value()).path("CMD_PID").asText()).isEqualTo("evil_100");
    }

    @Test
    @Order(7)
    void lateDataCountsWithinTheWatermarkAndIsOnlyPersistedBeyondIt() throws Exception {
        rig.produce(Topics.PROCESS, "5", PROCESS_2);
        rig.produce(Topics.MEMORY, "5", MEMORY_2);
        StreamMetrics metrics = rig.runOnce(RUN);

        assertThat(rig.parquet(S3Layout.events(EventKind.PROCESS)).count()).isEqualTo(PROCESS_1.size() + PROCESS_2.size());
        assertThat(metrics.count("stophack_stream_late_rows", "query", StreamJob.POTENTIAL))
                .as("lateout's two rows came after their window closed; Spark counts them after partial aggregation,"
                        + " as one row for their window and machine").isEqualTo(1);
        assertThat(rig.parquet(S3Layout.events(EventKind.PROCESS)).filter(col("CMD_PID").equalTo("lateout_800")).count())
                .as("late beyond the watermark still lands in events/").isEqualTo(1);

        List<Row> potential = rig.rows(S3Layout.POTENTIAL_ATTACKS, "window_start", "machine");
        assertThat(potential).extracting(r -> r.<Timestamp>getAs("window_start").toInstant().getEpochSecond(),
                r -> r.getAs("machine"), r -> r.getAs("count"))
                .containsExactly(
                        tuple(T0, 4, 5L),
                        tuple(T0, 5, 1L),          // lateout came after this window closed
                        tuple(T0 + 120, 4, 1L),    // late
                        tuple(T0 + 120, 5, 1L));   // latein

        assertThat(rig.parquet(S3Layout.DETECTED_ATTACKS).orderBy("machine").collectAsList())
                .extracting(r -> r.getAs("machine"), r -> r.getAs("CMD_PID"))
                .as("latein joins; lateout, older than the watermark, does not")
                .containsExactly(tuple(4, "evil_100"), tuple(5, "latein_700"));

        Map<String, Long> latest = latestCounts();
        assertThat(latest).containsEntry("4|" + iso(T0), 5L).containsEntry("5|" + iso(T0), 1L)
                .containsEntry("4|" + iso(T0 + 120), 1L).containsEntry("5|" + iso(T0 + 120), 1L).hasSize(4);
    }

    @Test
    @Order(8)
    void everyRecordTheJobPublishedReadsIntoItsApiRecord() throws Exception {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        List<ConsumerRecord<String, String>> dead = rig.readAll(Topics.DEADLETTER, 100);
        assertThat(dead).hasSize(MALFORMED_PROCESS.size() + MALFORMED_MEMORY.size());
        for (ConsumerRecord<String, String> r : dead) {
            DeadLetter letter = strict.readValue(r.value(), DeadLetter.class);
            assertThat(letter.topic()).isEqualTo(r.key());
            assertThat(letter.rawSha256()).as(r.value()).hasSize(64);
            assertThat(letter.rawTruncated()).isFalse();
        }
        List<ConsumerRecord<String, String>> counts = rig.readAll(Topics.ATTACK_COUNTS, 1000);
        assertThat(counts).isNotEmpty();
        for (ConsumerRecord<String, String> r : counts) {
            AttackCount count = strict.readValue(r.value(), AttackCount.class);
            assertThat(Instant.parse(count.windowEnd())).isEqualTo(Instant.parse(count.windowStart()).plusSeconds(120));
        }
        List<ConsumerRecord<String, String>> attacks = rig.readAll(Topics.ATTACKS, 100);
        assertThat(attacks).hasSize(2);
        for (ConsumerRecord<String, String> r : attacks) {
            DetectedAttack attack = strict.readValue(r.value(), DetectedAttack.class);
            assertThat(attack.processModelVersion).isEqualTo(1);
            assertThat(attack.memoryModelVersion).isEqualTo(1);
            assertThat(attack.measurements()).as("only the two events' measurements besides the named fields")
                    .containsKeys("CPU", "MEM", "POLI").allSatisfy((name, value) -> assertThat(
                            EventKind.PROCESS.columns().contains(name) || EventKind.MEMORY.columns().contains(name)).isTrue());
        }
        List<ConsumerRecord<String, String>> predictions = rig.readAll(Topics.ATTACK_PREDICTIONS, 1000);
        assertThat(predictions).isNotEmpty();
        int heartbeats = 0;
        for (ConsumerRecord<String, String> r : predictions) {
            AttackPrediction p = strict.readValue(r.value(), AttackPrediction.class);
            assertThat(p.topic).isIn(Topics.PROCESS, Topics.MEMORY);
            assertThat(p.eventTime).isNotNull();
            if (p.heartbeat) {
                heartbeats++;
                assertThat(p.columns()).isEmpty();
            } else {
                assertThat(p.modelVersion).isEqualTo(1);
                assertThat(p.columns()).containsKeys(EventKind.MACHINE, EventKind.PID).allSatisfy((name, value) ->
                        assertThat(EventKind.PROCESS.columns().contains(name) || EventKind.MEMORY.columns().contains(name))
                                .as(name).isTrue());
            }
        }
        assertThat(heartbeats).isPositive();

        List<ConsumerRecord<String, String>> statuses = rig.readAll(Topics.STREAM_STATUS, 100);
        assertThat(statuses).as("one per ingest batch: one per run here").hasSize(2);
        Map<String, Long> events = new HashMap<>();
        Map<String, Long> predicted = new HashMap<>();
        Map<String, Long> deadByReason = new HashMap<>();
        for (ConsumerRecord<String, String> r : statuses) {
            StreamStatus status = strict.readValue(r.value(), StreamStatus.class);
            assertThat(r.key()).isEqualTo(StreamStatus.KEY);
            assertThat(Instant.parse(status.batchTime())).isBefore(Instant.now());
            assertThat(status.kinds()).containsOnlyKeys("process", "memory");
            status.kinds().forEach((kind, k) -> {
                assertThat(k.activeVersion()).isEqualTo(1);
                assertThat(k.candidateVersion()).isNull();
                events.merge(kind, k.events(), Long::sum);
                predicted.merge(kind, k.predictedAttacks(), Long::sum);
            });
            status.deadLetters().forEach((reason, n) -> deadByReason.merge(reason, n, Long::sum));
        }
        for (EventKind kind : EventKind.values()) {
            Dataset<Row> persisted = rig.parquet(S3Layout.events(kind));
            assertThat(events.get(kind.id())).as("%s events", kind).isEqualTo(persisted.count());
            assertThat(predicted.get(kind.id())).as("%s attacks", kind)
                    .isEqualTo(persisted.filter(col("prediction").equalTo(1.0)).count());
        }
        Map<String, Long> reasons = new HashMap<>();
        for (String[] m : MALFORMED_PROCESS) {
            reasons.merge(m[1], 1L, Long::sum);
        }
        for (String[] m : MALFORMED_MEMORY) {
            reasons.merge(m[1], 1L, Long::sum);
        }
        assertThat(deadByReason).isEqualTo(reasons);
    }

    /** The last count the topic carried per machine and window. */
    private static Map<String, Long> latestCounts() {
        Map<String, Long> latest = new HashMap<>();
        for (ConsumerRecord<String, String> r : rig.readAll(Topics.ATTACK_COUNTS, 1000)) {
            JsonNode v = read(r.value());
            assertThat(v.path("machine").asText()).isEqualTo(r.key());
            assertThat(v.path("window_end").asText()).isNotEmpty();
            latest.put(v.path("machine").asText() + "|" + v.path("window_start").asText(), v.path("count").asLong());
        }
        return latest;
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
