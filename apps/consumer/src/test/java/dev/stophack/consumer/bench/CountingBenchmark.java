package dev.stophack.consumer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.kafka.RecordHandler;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.parse.ClockLimit;
import dev.stophack.consumer.parse.EventFields;
import dev.stophack.consumer.testing.TelemetryEvents;
import dev.stophack.testkit.TestServices;
import dev.stophack.testkit.bench.BenchRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting throughput of the consumer against a bare {@code KafkaConsumer} poll loop over the
 * same topic in the same run, one thread each. Prints figures; asserts only that every variant
 * saw every event. Not part of {@code mvn test}:
 * {@code ./mvnw -pl apps/consumer test -Dconsumer.excludedGroups= -Dgroups=benchmark -Dtest=CountingBenchmark}
 * ({@code -Dbench.events=N} for another size).
 */
@Tag("benchmark")
class CountingBenchmark {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    private static final int EVENTS = Integer.getInteger("bench.events", 2_000_000);
    private static final List<String> MACHINES = List.of("4", "5", "6", "7", "8");
    private static final int ROUNDS = 4; // the first warms the JIT and the page cache up and is not counted
    private static final ObjectMapper JSON = new ObjectMapper();

    private long sink;

    /** One way of handling a poll's records; {@link #fresh} makes its state anew for each pass. */
    private interface Variant {
        String name();

        Consumer<ConsumerRecords<byte[], byte[]>> fresh();
    }

    private static Variant variant(String name, java.util.function.Supplier<Consumer<ConsumerRecords<byte[], byte[]>>> fresh) {
        return new Variant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Consumer<ConsumerRecords<byte[], byte[]>> fresh() {
                return fresh.get();
            }
        };
    }

    @Test
    void countingAgainstABarePollLoop(@TempDir Path dir) throws IOException {
        BenchRecorder recorder = new BenchRecorder("consumer").warmUpRuns(1);
        long fill = System.nanoTime();
        fill(new TelemetryEvents(dir, 20_000));
        System.out.printf(Locale.ROOT, "%nfilled topic '%s' with %,d process events in %.1f s; %d rounds, each variant"
                + " once per round in turn, the first round not counted%n", Topics.PROCESS, EVENTS,
                (System.nanoTime() - fill) / 1e9, ROUNDS);

        LiveCounts[] counts = new LiveCounts[1];
        List<Variant> variants = List.of(
                variant("bare poll loop (no parsing)", () -> records -> {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        sink += r.value().length;
                    }
                }),
                variant("bare poll loop + Jackson into a POJO", () -> records -> {
                    try {
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            sink += JSON.readValue(r.value(), ProcessEvent.class).ts;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }),
                variant("bare poll loop + Jackson streaming (ts, machine only)", () -> {
                    EventFields fields = new EventFields();
                    return records -> {
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            if (fields.read(r.value(), true, true)) { // wanting the machine skips the tail read
                                sink += fields.ts;
                            }
                        }
                    };
                }),
                variant("stophack counting (RecordHandler -> LiveCounts)", () -> {
                    counts[0] = new LiveCounts(Clock.systemUTC(), Duration.ofMinutes(2), Duration.ofMinutes(10), 200);
                    RecordHandler handler = new RecordHandler(counts[0], new ClockLimit(Duration.ofSeconds(30)));
                    return records -> handler.handle(records, Map.of());
                }));

        double[][] rates = new double[variants.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int v = 0; v < variants.size(); v++) {
                rates[v][round] = pass(variants.get(v));
            }
        }
        double[] best = new double[variants.size()];
        System.out.println();
        for (int v = 0; v < variants.size(); v++) {
            double[] counted = java.util.Arrays.copyOfRange(rates[v], 1, ROUNDS);
            best[v] = java.util.Arrays.stream(counted).max().orElse(0);
            System.out.printf(Locale.ROOT, "%-56s best %,11.0f ev/s   mean %,11.0f ev/s%n", variants.get(v).name(),
                    best[v], java.util.Arrays.stream(counted).average().orElse(0));
        }
        double stophack = best[variants.size() - 1];
        System.out.printf(Locale.ROOT, "stophack counting = %.2fx the bare loop, %.2fx the bare loop with a POJO bind%n%n",
                stophack / best[0], stophack / best[1]);
        recorder.figure("consumer counting vs bare poll loop", "events/s", variants.get(variants.size() - 1).name(),
                        measured(rates[variants.size() - 1]), variants.get(0).name(), measured(rates[0]),
                        BenchGoal.ratioAtLeast(0.8), null)
                .figure("consumer counting vs poll loop + Jackson POJO", "events/s", variants.get(variants.size() - 1).name(),
                        measured(rates[variants.size() - 1]), variants.get(1).name(), measured(rates[1]), null, null)
                .note(String.format(Locale.ROOT, "%,d process events, one thread per variant, variants in turn; broker"
                        + " embedded in the benchmark's JVM", EVENTS))
                .writeIfAsked();
        var process = counts[0].snapshot().topic(Topics.PROCESS);
        assertThat(process.counted() + process.skipped().getOrDefault("too_old", 0L))
                .as("the last counting pass saw every event (skipped: %s)", process.skipped()).isEqualTo(EVENTS);
        assertThat(process.skipped().keySet()).as("nothing unreadable").containsOnly("too_old");
    }

    /** The rounds after the first, which warmed up. */
    private static List<Double> measured(double[] rounds) {
        return java.util.Arrays.stream(rounds, 1, rounds.length).boxed().toList();
    }

    /** Reads the whole topic once with a fresh {@code variant}; returns events per second. */
    private double pass(Variant variant) {
        Consumer<ConsumerRecords<byte[], byte[]>> work = variant.fresh();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(Topics.PROCESS, 0),
                    new TopicPartition(Topics.PROCESS, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            long started = System.nanoTime();
            while (seen < EVENTS) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                work.accept(records);
                seen += records.count();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(seen).as(variant.name()).isEqualTo(EVENTS);
            return EVENTS / seconds;
        }
    }

    private static Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"); // as the consumer's own
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Producer-shaped traffic: cycles 5 s apart ending now, 10-50 rows per machine, keyed by machine. */
    private static void fill(TelemetryEvents events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        // the rows of each cycle first, so that the last cycle is stamped now: a fill that ran past
        // now would have its newest rows skipped by the counting as too far ahead of the clock
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<int[]> plan = new java.util.ArrayList<>();
        for (int planned = 0; planned < EVENTS; ) {
            int[] rows = new int[MACHINES.size()];
            for (int m = 0; m < rows.length; m++) {
                rows[m] = Math.min(random.nextInt(10, 51), EVENTS - planned);
                planned += rows[m];
            }
            plan.add(rows);
        }
        long ts = System.currentTimeMillis() / 1000 - 5L * (plan.size() - 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int[] cycle : plan) {
                for (int m = 0; m < cycle.length; m++) {
                    byte[] key = MACHINES.get(m).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < cycle[m]; i++) {
                        producer.send(new ProducerRecord<>(Topics.PROCESS, key, events.next(EventKind.PROCESS, MACHINES.get(m), ts)));
                    }
                }
                ts += 5;
            }
        }
    }
}
