package dev.stophack.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.CommandMain;
import dev.stophack.embedded.kafka.EmbeddedKafka;
import dev.stophack.producer.TopicContents.Event;
import dev.stophack.producer.schedule.Batch;
import dev.stophack.producer.schedule.Bounds;
import dev.stophack.producer.schedule.Cycle;
import dev.stophack.producer.schedule.ScheduleSettings;
import dev.stophack.producer.source.StreamData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes down in the middle of a run and comes back on the same port with the same log
 * directory. Idempotence, acks=all and retries must deliver every planned event exactly once.
 */
class BrokerRestartTest {
    private static final String TOPIC = "memory-restart";
    private static final int CYCLES = 40;
    private static final long SEED = 21;

    @TempDir
    Path tmp;

    /** One event as the test counts it: which row of which machine, in which cycle. */
    private record Key(String machine, long sequence, long cycle) {
    }

    @Test
    void aBrokerRestartLosesNothingAndDuplicatesNothing() throws Exception {
        Path dataDir = tmp.resolve("kafka");
        Path csv = StreamCsv.write(tmp.resolve("m.csv"), EventKind.MEMORY, List.of("4", "5", "6", "7", "8"), 300);
        EmbeddedKafka kafka = new EmbeddedKafka(0, dataDir).start();
        int port = kafka.port();
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CommandMain.run(new ProduceCommand(),
                "memory", "--csv", csv.toString(), "--bootstrap", bootstrap, "--topic", TOPIC,
                "--interval", "200ms", "--cycles", String.valueOf(CYCLES), "--rows", "100..200", "--late", "0..5",
                "--seed", String.valueOf(SEED), "--http-port", "0"));
        long beforeRestart;
        try {
            Thread.sleep(2000);
            beforeRestart = TopicContents.readAll(bootstrap, TOPIC).size();
            kafka.close();
            Thread.sleep(1500); // the producer keeps producing into its buffer meanwhile
            assertThat(run).as("the run is still going while the broker is down").isNotDone();
            kafka = new EmbeddedKafka(port, dataDir).start();
            assertThat(kafka.bootstrapServers()).as("same port, so the producer finds it again").isEqualTo(bootstrap);
            assertThat(run.get(60, TimeUnit.SECONDS)).isZero();

            List<Event> events = TopicContents.readAll(bootstrap, TOPIC);
            assertThat(beforeRestart).isPositive().isLessThan(events.size());

            StreamData data = Plans.load(csv, EventKind.MEMORY);
            ScheduleSettings settings = ScheduleSettings.of(EventKind.MEMORY).withInterval(Duration.ofMillis(200))
                    .withRows(new Bounds(100, 200)).withLate(new Bounds(0, 5));
            Map<Key, Long> expected = planned(data, Plans.cycles(data, settings, SEED, CYCLES));
            Map<Key, Long> received = events.stream().collect(Collectors.groupingBy(
                    e -> new Key(e.machine(), e.sequence(), e.cycle()), HashMap::new, Collectors.counting()));

            assertThat(expected.values()).as("a machine sends a row at most once per cycle").containsOnly(1L);
            Map<Key, Long> duplicated = received.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(duplicated).as("duplicated events").isEmpty();
            assertThat(expected.keySet().stream().filter(k -> !received.containsKey(k)).toList()).as("lost events").isEmpty();
            assertThat(received.keySet().stream().filter(k -> !expected.containsKey(k)).toList()).as("unplanned events").isEmpty();
            assertThat(events).hasSize(expected.size());
        } finally {
            kafka.close();
        }
    }

    private static Map<Key, Long> planned(StreamData data, List<Cycle> plan) {
        int sequenceAt = data.header().indexOf("sequence");
        Function<String[], Long> sequence = row -> Long.parseLong(row[sequenceAt].strip());
        Map<Key, Long> keys = new HashMap<>();
        for (Cycle c : plan) {
            for (Batch b : c.batches()) {
                for (int row : b.late()) {
                    keys.merge(new Key(b.machine(), sequence.apply(b.source().row(row)), c.number()), 1L, Long::sum);
                }
                for (int row : b.rows()) {
                    keys.merge(new Key(b.machine(), sequence.apply(b.source().row(row)), c.number()), 1L, Long::sum);
                }
            }
        }
        return keys;
    }
}
