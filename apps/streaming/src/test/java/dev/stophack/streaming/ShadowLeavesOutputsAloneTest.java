package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shadow scoring changes nothing the active model writes: the same records, sent to two brokers,
 * run through the job once without a candidate and once with one of each kind (process: a row
 * scorer, scored in the parsing tasks; memory: a pipeline only its transform scores), into two
 * output roots. Every parquet output and every topic is the same in both runs; only the second
 * writes shadow lines, with the counts the two rules give.
 */
class ShadowLeavesOutputsAloneTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    /** The second run's own broker: its topics start empty, as the first run's did. */
    @RegisterExtension
    static final TestServices SECOND_BROKER = TestServices.builder().kafka().build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PLAIN = "plain";
    static final String SHADOW = "shadow";
    static final List<String> TOPICS = List.of(Topics.ATTACK_COUNTS, Topics.ATTACKS, Topics.DEADLETTER,
            Topics.ATTACK_PREDICTIONS);
    static final List<String> PARQUET = List.of(S3Layout.events(EventKind.PROCESS), S3Layout.events(EventKind.MEMORY),
            S3Layout.DEADLETTER, S3Layout.POTENTIAL_ATTACKS, S3Layout.DETECTED_ATTACKS);

    /** CPU 30: normal for the active process rule (CPU > 50), an attack for the candidate's (CPU > 20). */
    static final List<String> PROCESS_DISAGREE = List.of(
            process(7, 1, "mid", T0 + 40, 30), process(7, 2, "mid", T0 + 41, 30), process(7, 3, "mid", T0 + 42, 30));
    /** MEM 3: normal for the active memory rule (MEM > 5), an attack for the candidate's (MEM > 2). */
    static final List<String> MEMORY_DISAGREE = List.of(memory(7, 1, "mid", T0 + 40, 3, 0), memory(7, 2, "mid", T0 + 41, 3, 0));

    static StreamRig plain;
    static StreamRig shadowed;
    static StreamMetrics shadowMetrics;
    static int processCandidate;
    static int memoryCandidate;

    @BeforeAll
    static void runWithoutAndWithCandidates() throws Exception {
        plain = new StreamRig(SERVICES);
        shadowed = new StreamRig(SECOND_BROKER.bootstrapServers(), SERVICES);
        FixtureModels.publish(plain.store, EventKind.PROCESS, FixtureModels.processModel(plain.spark, 50), "test");
        FixtureModels.publish(plain.store, EventKind.MEMORY, FixtureModels.memoryModel(plain.spark, 5), "test");
        processCandidate = FixtureModels.save(plain.store, EventKind.PROCESS, FixtureModels.processModel(plain.spark, 20));
        memoryCandidate = FixtureModels.save(plain.store, EventKind.MEMORY,
                FixtureModels.failingOn(plain.spark, EventKind.MEMORY, "MEM", 2, 666));

        List<ProducerRecord<String, byte[]>> input = input();
        plain.send(input);
        shadowed.send(input);

        plain.runOnce(plain.settings(PLAIN, true, Duration.ofSeconds(1), PLAIN));
        for (EventKind kind : EventKind.values()) {
            int n = kind == EventKind.PROCESS ? processCandidate : memoryCandidate;
            plain.store.startShadow(kind, plain.store.rolloutState(kind), n, new HistoryEntry(null, kind.id(),
                    HistoryEntry.Action.ShadowStarted, n, null, null, "test", null, "test"));
        }
        shadowMetrics = shadowed.runOnce(shadowed.settings(SHADOW, true, Duration.ofSeconds(1), SHADOW));
    }

    /**
     * The end-to-end test's records (every kind of event, late data, dead letters), plus events the
     * rules disagree on; stamped with one time, so that both brokers hold the very same records.
     */
    static List<ProducerRecord<String, byte[]>> input() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        long now = System.currentTimeMillis();
        add(records, now, Topics.PROCESS, "4", StreamEndToEndTest.PROCESS_1);
        add(records, now, Topics.MEMORY, "4", StreamEndToEndTest.MEMORY_1);
        add(records, now, Topics.MEMORY, "6", StreamEndToEndTest.formatEvents());
        add(records, now, Topics.PROCESS, "x", StreamEndToEndTest.MALFORMED_PROCESS.stream().map(m -> m[0]).toList());
        add(records, now, Topics.MEMORY, "x", StreamEndToEndTest.MALFORMED_MEMORY.stream().map(m -> m[0]).toList());
        add(records, now, Topics.PROCESS, "7", PROCESS_DISAGREE);
        add(records, now, Topics.MEMORY, "7", MEMORY_DISAGREE);
        add(records, now, Topics.PROCESS, "5", StreamEndToEndTest.PROCESS_2);
        add(records, now, Topics.MEMORY, "5", StreamEndToEndTest.MEMORY_2);
        return records;
    }

    private static void add(List<ProducerRecord<String, byte[]>> records, long timestamp, String topic, String key,
            List<String> values) {
        values.forEach(v -> records.add(new ProducerRecord<>(topic, null, timestamp, key, v.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void everyParquetOutputIsTheSameWithACandidateInShadow() {
        for (String output : PARQUET) {
            List<String> without = rows(PLAIN + "/" + output);
            assertThat(without).as("%s is written at all", output).isNotEmpty();
            assertThat(rows(SHADOW + "/" + output)).as(output).isEqualTo(without);
        }
    }

    @Test
    void everyTopicIsTheSameWithACandidateInShadow() throws Exception {
        for (String topic : TOPICS) {
            List<String> without = records(plain, topic);
            assertThat(without).as("%s carries records", topic).isNotEmpty();
            assertThat(records(shadowed, topic)).as(topic).isEqualTo(without);
        }
        List<String> statusWithout = statuses(plain, false);
        assertThat(statuses(shadowed, true)).as("the status, but for the candidates and the time").isEqualTo(statusWithout);
    }

    @Test
    void theStatusNamesTheCandidatesOnlyWhileTheyAreInShadow() throws Exception {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (ConsumerRecord<String, String> r : plain.readAll(Topics.STREAM_STATUS, 100)) {
            StreamStatus s = strict.readValue(r.value(), StreamStatus.class);
            assertThat(s.kinds().values()).allSatisfy(k -> assertThat(k.candidateVersion()).isNull());
        }
        List<ConsumerRecord<String, String>> shadowStatus = shadowed.readAll(Topics.STREAM_STATUS, 100);
        assertThat(shadowStatus).isNotEmpty();
        for (ConsumerRecord<String, String> r : shadowStatus) {
            StreamStatus s = strict.readValue(r.value(), StreamStatus.class);
            assertThat(s.kinds().get("process").candidateVersion()).isEqualTo(processCandidate);
            assertThat(s.kinds().get("memory").candidateVersion()).isEqualTo(memoryCandidate);
        }
    }

    @Test
    void theShadowRunWritesOneLinePerBatchWithBothPredictionsCounted() throws Exception {
        ShadowStats process = total(EventKind.PROCESS, processCandidate);
        long processEvents = StreamEndToEndTest.PROCESS_1.size() + PROCESS_DISAGREE.size() + StreamEndToEndTest.PROCESS_2.size();
        long processActive = plain.parquet(PLAIN + "/" + S3Layout.events(EventKind.PROCESS))
                .filter("prediction = 1.0").count();
        assertThat(process.scored()).as("every process event, scored in the parsing tasks").isEqualTo(processEvents);
        assertThat(process.disagreed()).as("CPU 30").isEqualTo(PROCESS_DISAGREE.size());
        assertThat(process.activeAttacks()).isEqualTo(processActive);
        assertThat(process.shadowAttacks()).isEqualTo(processActive + PROCESS_DISAGREE.size());

        ShadowStats memory = total(EventKind.MEMORY, memoryCandidate);
        long memoryEvents = plain.parquet(PLAIN + "/" + S3Layout.events(EventKind.MEMORY)).count();
        assertThat(memory.scored()).as("every memory event, scored again by the candidate's transform").isEqualTo(memoryEvents);
        assertThat(memory.disagreed()).as("MEM 3").isEqualTo(MEMORY_DISAGREE.size());
        assertThat(memory.shadowAttacks() - memory.activeAttacks()).isEqualTo(MEMORY_DISAGREE.size());

        assertThat(shadowMetrics.count("stophack_stream_shadow_events", "kind", "process")).isEqualTo(processEvents);
        assertThat(shadowMetrics.count("stophack_stream_shadow_disagreements", "kind", "memory"))
                .isEqualTo(MEMORY_DISAGREE.size());
        assertThat(shadowMetrics.count("stophack_stream_shadow_failures", "kind", "memory")).isZero();
    }

    /** The candidate's lines summed; each names the active version 1. */
    private static ShadowStats total(EventKind kind, int candidate) throws Exception {
        List<ShadowStats> lines = plain.store.shadowStats(kind, candidate);
        assertThat(lines).as("%s shadow lines", kind).isNotEmpty();
        assertThat(lines).allSatisfy(l -> assertThat(l.activeVersion()).isEqualTo(1));
        return new ShadowStats(-1, 1, lines.stream().mapToLong(ShadowStats::scored).sum(),
                lines.stream().mapToLong(ShadowStats::disagreed).sum(),
                lines.stream().mapToLong(ShadowStats::activeAttacks).sum(),
                lines.stream().mapToLong(ShadowStats::shadowAttacks).sum(), null);
    }

    /** Every row of a parquet output as text, in order; the join's processing time is the clock's, not the data's. */
    private static List<String> rows(String path) {
        Dataset<Row> df = plain.parquet(path);
        if (List.of(df.columns()).contains("processing_time")) {
            df = df.drop("processing_time");
        }
        return df.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /**
     * Every record of a topic as partition, key and value, sorted; the join's processing time left
     * out, and the partition of a record without a key (Kafka's producer picks one at random).
     */
    private static List<String> records(StreamRig rig, String topic) throws Exception {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : rig.readAll(topic, 10_000)) {
            ObjectNode value = (ObjectNode) JSON.readTree(r.value());
            value.remove("processing_time");
            out.add((r.key() == null ? "-" : r.partition()) + " " + r.key() + " " + value);
        }
        out.sort(null);
        return out;
    }

    /** The status records without their batch time and, when asked, the candidates they name. */
    private static List<String> statuses(StreamRig rig, boolean dropCandidates) throws Exception {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : rig.readAll(Topics.STREAM_STATUS, 100)) {
            ObjectNode value = (ObjectNode) JSON.readTree(r.value());
            value.remove(StreamStatus.BATCH_TIME);
            if (dropCandidates) {
                value.get(StreamStatus.KINDS).forEach(k -> ((ObjectNode) k).putNull(StreamStatus.KindStatus.CANDIDATE_VERSION));
            }
            out.add(r.key() + " " + value);
        }
        out.sort(null);
        return out;
    }
}
