package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.ConsumerApp;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.testing.Await;
import dev.stophack.consumer.testing.Http;
import dev.stophack.consumer.testing.TelemetryEvents;
import dev.stophack.consumer.testing.TestSettings;
import dev.stophack.consumer.weblog.WebSettings;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer against a real broker: hand-built traffic with known counts, bad records, the
 * HTTP view of it, committed offsets, and a restart within the window that keeps the counts.
 */
class KafkaCountingTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TelemetryEvents events;

    private final List<ConsumerApp> apps = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void generate(@TempDir Path dir) {
        events = new TelemetryEvents(dir, 2_000);
    }

    @AfterEach
    void stop() {
        apps.forEach(ConsumerApp::close);
        if (producer != null) {
            producer.close();
        }
    }

    private ConsumerApp start(String group) throws Exception {
        // the telemetry topics only (--no-weblog): the counts, partitions and offsets below are theirs;
        // the web topics have their own test (WebPanelsOnKafkaTest)
        WebSettings web = WebSettings.defaults();
        ConsumerApp app = new ConsumerApp(TestSettings.local(services.bootstrapServers(), group),
                new WebSettings(false, web.rateWindow(), web.rateThreshold(), web.busiest()), Clock.systemUTC()).start();
        apps.add(app);
        return app;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    private void send(String topic, String key, byte[] value, Long timestamp) {
        producer().send(new ProducerRecord<>(topic, null, timestamp, key == null ? null : bytes(key), value));
    }

    private void sendRows(EventKind kind, String machine, long ts, int n, Long timestamp) {
        for (int i = 0; i < n; i++) {
            send(kind.topic(), machine, events.next(kind, machine, ts), timestamp);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitCounted(ConsumerApp app, long process, long memory, long attacks) {
        Await.until("counted " + process + "/" + memory + "/" + attacks, WAIT, () -> {
            Snapshot s = app.counts().snapshot();
            return total(s, Topics.PROCESS) >= process && total(s, Topics.MEMORY) >= memory
                    && total(s, Topics.ATTACK_COUNTS) >= attacks;
        }, () -> app.counts().snapshot().topics());
    }

    private static long total(Snapshot s, String topic) {
        return s.topic(topic).counted() + s.topic(topic).skippedTotal();
    }

    @Test
    void countsKnownTrafficPerMachineAndKeepsTheCountsAcrossARestartWithinTheWindow() throws Exception {
        long now = System.currentTimeMillis();
        long ts0 = now / 1000 - 20;
        long[][] process = {{23, 41}, {50, 10}, {17, 29}}; // cycles ts0, ts0+5, ts0+10 x machines r4, r5
        for (int c = 0; c < process.length; c++) {
            sendRows(EventKind.PROCESS, "r4", ts0 + 5L * c, (int) process[c][0], null);
            sendRows(EventKind.PROCESS, "r5", ts0 + 5L * c, (int) process[c][1], null);
        }
        sendRows(EventKind.PROCESS, "r4", ts0, 2, null); // two late rows of the first cycle
        // memory by arrival: r4 got 11 rows 130 s ago (out of the 2-minute window), 7 rows 100 s ago, 60 now
        sendRows(EventKind.MEMORY, "r4", ts0 - 110, 11, now - 130_000);
        sendRows(EventKind.MEMORY, "r4", ts0 - 80, 7, now - 100_000);
        sendRows(EventKind.MEMORY, "r4", ts0, 60, null);
        sendRows(EventKind.MEMORY, "r5", ts0, 35, null);
        long w0 = (now / 120_000 - 1) * 120;
        send(Topics.ATTACK_COUNTS, "r4", bytes(attack(w0, "r4", 1)), null);
        send(Topics.ATTACK_COUNTS, "r5", bytes(attack(w0, "r5", 2)), null);
        send(Topics.ATTACK_COUNTS, "r4", bytes(attack(w0, "r4", 3)), null); // update: last value wins
        send(Topics.ATTACK_COUNTS, "r4", bytes(attack(w0 + 120, "r4", 5)), null);
        // unusable records: counted as skipped, with their reason, and nothing stops
        send(Topics.PROCESS, "r4", bytes("{\"machine\":\"r4\"}"), null);
        send(Topics.MEMORY, null, bytes("{\"PID\":1}"), null);
        send(Topics.ATTACK_COUNTS, "r4", bytes("{\"window_start\":\"soon\",\"window_end\":1,\"count\":1}"), null);
        producer().flush();

        ConsumerApp first = start("restart-group");
        awaitCounted(first, 172 + 1, 113 + 1, 4 + 1);
        Snapshot before = first.counts().snapshot();
        assertCounts(before, ts0, 35);
        assertThat(before.topic(Topics.PROCESS).skipped()).containsExactly(Map.entry("no_ts", 1L));
        assertThat(before.topic(Topics.MEMORY).skipped()).containsExactly(Map.entry("no_machine", 1L));
        assertThat(before.topic(Topics.ATTACK_COUNTS).skipped()).containsExactly(Map.entry("no_window", 1L));
        assertHttpView(first, ts0);

        first.close();
        assertThat(committedOffsets("restart-group")).as("the group committed everything it read")
                .isEqualTo(endOffsets());

        sendRows(EventKind.MEMORY, "r5", ts0 + 15, 5, null); // arrives while the consumer is down
        producer().flush();
        ConsumerApp second = start("restart-group");
        awaitCounted(second, 172 + 1, 113 + 5 + 1, 4 + 1);
        assertCounts(second.counts().snapshot(), ts0, 40);

        // live records count when they arrive, whatever their Kafka timestamp says
        sendRows(EventKind.MEMORY, "r6", ts0, 3, now - 600_000);
        producer().flush();
        Await.until("r6 counted", WAIT, () -> second.counts().snapshot().memoryNow().getOrDefault("r6", 0L) == 3,
                () -> second.counts().snapshot().memoryNow());
    }

    private static void assertCounts(Snapshot s, long ts0, long memoryR5) {
        assertThat(s.process().x()).containsExactly(ts0 * 1000, (ts0 + 5) * 1000, (ts0 + 10) * 1000);
        assertThat(s.process().lines().get("r4")).containsExactly(25L, 50L, 17L);
        assertThat(s.process().lines().get("r5")).containsExactly(41L, 10L, 29L);
        assertThat(s.memoryNow()).containsEntry("r4", 67L).containsEntry("r5", memoryR5);
        assertThat(s.attacks().lines().get("r4")).containsExactly(3L, 5L);
        assertThat(s.attacks().lines().get("r5")).containsExactly(2L, 0L);
    }

    private static void assertHttpView(ConsumerApp app, long ts0) throws Exception {
        var series = Http.get(app.url() + "api/series");
        assertThat(series.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(series.body());
        assertThat(root.at("/process/x/0").asLong()).isEqualTo(ts0 * 1000);
        assertThat(root.at("/process/lines/r4").toString()).isEqualTo("[25,50,17]");
        assertThat(root.at("/memory/now/r4").asLong()).isEqualTo(67);
        assertThat(root.at("/attacks/lines/r5").toString()).isEqualTo("[2,0]");
        assertThat(root.at("/status/assignedPartitions").asInt()).isEqualTo(3 * 2);
        assertThat(root.at("/status/topics/process/skipped/no_ts").asLong()).isEqualTo(1);

        String metrics = Http.get(app.url() + "metrics").body();
        assertThat(metrics).contains("stophack_consumer_records_total{topic=\"process\"} 172.0")
                .contains("stophack_consumer_skipped_records_total{reason=\"no_machine\",topic=\"memory\"} 1.0")
                .contains("stophack_consumer_memory_window_rows{machine=\"r4\"} 67.0")
                .contains("stophack_consumer_process_cycle_rows{machine=\"r5\"} 29.0")
                .contains("stophack_consumer_potential_attacks{machine=\"r4\"} 5.0");
        var health = Http.get(app.url() + "healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    private static String attack(long windowStartSeconds, String machine, long count) {
        return "{\"window_start\":\"" + java.time.Instant.ofEpochSecond(windowStartSeconds) + "\",\"window_end\":"
                + (windowStartSeconds + 120) + ",\"machine\":\"" + machine + "\",\"count\":" + count + "}";
    }

    private Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Set<TopicPartition> partitions = Set.of(Topics.PROCESS, Topics.MEMORY, Topics.ATTACK_COUNTS).stream()
                    .flatMap(t -> java.util.stream.IntStream.range(0, Topics.DEFAULT_PARTITIONS)
                            .mapToObj(p -> new TopicPartition(t, p)))
                    .collect(Collectors.toSet());
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers()));
    }
}
