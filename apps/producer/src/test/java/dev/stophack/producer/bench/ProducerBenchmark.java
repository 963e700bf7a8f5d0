package dev.stophack.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.embedded.kafka.EmbeddedKafka;
import dev.stophack.events.EventEncoder;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.producer.kafka.KafkaEventSink;
import dev.stophack.producer.kafka.ProducerSettings;
import dev.stophack.producer.kafka.TopicReady;
import dev.stophack.producer.observe.ProducerMetrics;
import dev.stophack.producer.run.LoadRun;
import dev.stophack.producer.run.StopSignal;
import dev.stophack.producer.schedule.Cursor;
import dev.stophack.producer.source.MachineRows;
import dev.stophack.producer.source.StreamData;
import dev.stophack.producer.source.StreamLoader;
import dev.stophack.testkit.bench.BenchRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.ProducerPerformance;
import org.junit.jupiter.api.Test;

/**
 * Producer throughput on this machine, printed, not asserted: stophack's load mode (CSV rows to
 * JSON to keyed records to Kafka) against, with the same producer settings and the same events,
 * a bare {@link KafkaProducer} loop over pre-built JSON bytes (the limit) and Kafka's own
 * {@link ProducerPerformance} fed the events as its payload file. Each contender is warmed up,
 * then run {@code bench.runs} times in turn; the median is reported.
 *
 * <p>Run with {@code mvn -pl apps/producer -Pbench test} (see the module pom). The only
 * assertions are that every run delivered exactly its events.
 */
public final class ProducerBenchmark {
    private static final int EVENTS = Integer.getInteger("bench.events", 2_000_000);
    /** The size of {@code stophack generate}'s streaming file by default: load mode replays it 20 times for 2M events. */
    private static final int CSV_ROWS = Integer.getInteger("bench.rows", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int WARMUP_EVENTS = Integer.getInteger("bench.warmup", 2_000_000);
    private static final int PARTITIONS = 2;
    private static final Pattern PERF_TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private static final String BARE = "bare KafkaProducer loop (pre-built JSON)";
    private static final String PERF = "Kafka ProducerPerformance (payload file)";
    private static final String LOAD = "stophack load mode (JSON, key, send)";
    private static final String LOAD_ALL = "stophack load mode incl. CSV load";
    private static final String LOAD_SECOND = "stophack load mode, second pass";
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private final Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
    /** CPU time of this whole JVM (producer and broker) per event, in microseconds: steadier than rates on a shared machine. */
    private final Map<String, List<Double>> cpu = new java.util.LinkedHashMap<>();
    private EmbeddedKafka kafka;
    private Admin admin;
    private Path csv;
    private Path payloads;
    private int topics;

    public static void main(String[] args) throws Exception {
        new ProducerBenchmark().run();
    }

    @Test
    void printsProducerThroughput() throws Exception {
        run();
    }

    void run() throws Exception {
        BenchRecorder recorder = new BenchRecorder("producer").warmUpRuns(1);
        Path dir = Files.createTempDirectory("stophack-bench-");
        try (EmbeddedKafka broker = new EmbeddedKafka(0, dir.resolve("kafka")).start();
             Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            kafka = broker;
            admin = a;
            prepare(dir);
            StreamData data = load();
            byte[][] keys = new byte[EVENTS][];
            byte[][] values = new byte[EVENTS][];
            prebuild(data, keys, values);
            writePayloadFile(data);
            double averageBytes = Arrays.stream(values).limit(CSV_ROWS).mapToInt(v -> v.length).average().orElse(0);

            System.out.printf(Locale.ROOT, "%nwarm-up: %,d events per contender (system load average %.1f)%n", WARMUP_EVENTS,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            loadMode(WARMUP_EVENTS, false);
            bareLoop(keys, values, WARMUP_EVENTS, false);
            producerPerformance(WARMUP_EVENTS, false);
            for (int r = 1; r <= RUNS; r++) {
                System.out.printf(Locale.ROOT, "%nrun %d of %d: %,d events per contender%n", r, RUNS, EVENTS);
                // a different order each run, so that a busy moment does not always hit the same contender
                for (int c = 0; c < 3; c++) {
                    switch ((c + r - 1) % 3) {
                        case 0 -> bareLoop(keys, values, EVENTS, true);
                        case 1 -> producerPerformance(EVENTS, true);
                        default -> loadMode(EVENTS, true);
                    }
                }
            }
            report(averageBytes);
            record(recorder);
        } finally {
            delete(dir);
        }
    }

    private void prepare(Path dir) throws IOException {
        System.out.printf(Locale.ROOT, "generating %,d process rows for machines 4..8%n", CSV_ROWS);
        new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), 0, CSV_ROWS, 42)).writeAll(dir, false);
        csv = dir.resolve(TelemetryGenerator.PROCESS_STREAM);
        payloads = dir.resolve("payloads.txt");
    }

    private StreamData load() throws IOException {
        try (CsvReader reader = CsvReader.open(csv)) {
            return new StreamLoader(EventKind.PROCESS).load(reader);
        }
    }

    /** The exact events load mode sends (machines in turn, rows wrapping), as JSON bytes with one ts. */
    private static void prebuild(StreamData data, byte[][] keys, byte[][] values) {
        EventEncoder encoder = new EventEncoder(EventKind.PROCESS, data.header());
        List<MachineRows> machines = data.machines();
        Cursor[] cursors = machines.stream().map(Cursor::new).toArray(Cursor[]::new);
        byte[][] machineKeys = machines.stream().map(m -> m.machine().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        long ts = System.currentTimeMillis() / 1000;
        for (int i = 0; i < keys.length; i++) {
            int m = i % machines.size();
            keys[i] = machineKeys[m];
            values[i] = encoder.encode(machines.get(m).row(cursors[m].take()), ts);
        }
    }

    /** One lap of the CSV as ProducerPerformance's payload file: one event per line. */
    private void writePayloadFile(StreamData data) throws IOException {
        EventEncoder encoder = new EventEncoder(EventKind.PROCESS, data.header());
        long ts = System.currentTimeMillis() / 1000;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(payloads), 1 << 16)) {
            for (MachineRows m : data.machines()) {
                for (int i = 0; i < m.size(); i++) {
                    out.write(encoder.encode(m.row(i), ts));
                    out.write('\n');
                }
            }
        }
    }

    /**
     * Load mode as {@code stophack produce --max} runs it: read the CSV, then send, building each
     * row's JSON on its first use. Then a second pass on the same producer, where every row's JSON
     * already exists: what a long load run costs per event once the file has gone round once.
     */
    private void loadMode(int events, boolean record) throws Exception {
        String topic = topic("stophack");
        long start = System.nanoTime();
        StreamData data = load();
        long loaded = System.nanoTime();
        ProducerMetrics metrics = new ProducerMetrics(new SimpleMeterRegistry(), EventKind.PROCESS);
        try (KafkaEventSink sink = new KafkaEventSink(new KafkaProducer<>(settings("stophack")), topic,
                new EventEncoder(EventKind.PROCESS, data.header()), metrics)) {
            sink.awaitTopic();
            double[] first = timed(() -> new LoadRun(data.machines(), sink, null, events, new StopSignal(), Clock.systemUTC()).run(), events);
            double overall = events / (events / first[0] + (loaded - start) / 1e9);
            double[] second = timed(() -> new LoadRun(data.machines(), sink, null, events, new StopSignal(), Clock.systemUTC()).run(), events);
            System.out.printf(Locale.ROOT, "  stophack load mode: %,.0f events/s sending (%.2f us CPU/event); CSV load %.2f s;"
                    + " %,.0f events/s including the load; second pass %,.0f events/s (%.2f us CPU/event)%n",
                    first[0], first[1], (loaded - start) / 1e9, overall, second[0], second[1]);
            if (record) {
                record(LOAD, first[0], first[1]);
                rates.computeIfAbsent(LOAD_ALL, k -> new ArrayList<>()).add(overall);
                record(LOAD_SECOND, second[0], second[1]);
            }
        }
        assertThat(metrics.sent()).isEqualTo(2L * events);
        assertThat(metrics.errors()).isZero();
        assertDelivered(topic, 2L * events);
    }

    /** Runs {@code run}, which must hand over {@code events} events and flush; returns events/s and CPU us per event. */
    private static double[] timed(java.util.concurrent.Callable<Long> run, int events) throws Exception {
        long start = System.nanoTime();
        long cpuStart = OS.getProcessCpuTime();
        long handed = run.call();
        long end = System.nanoTime();
        assertThat(handed).isEqualTo(events);
        return new double[] {events / ((end - start) / 1e9), (OS.getProcessCpuTime() - cpuStart) / 1e3 / events};
    }

    private void bareLoop(byte[][] keys, byte[][] values, int events, boolean record) throws Exception {
        String topic = topic("bare");
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        Callback callback = (metadata, e) -> {
            if (e == null) {
                acked.increment();
            } else {
                failed.increment();
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings("bare"))) {
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            long cpuStart = OS.getProcessCpuTime();
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(topic, keys[i], values[i]), callback);
            }
            producer.flush();
            double rate = events / ((System.nanoTime() - start) / 1e9);
            double cpuPerEvent = (OS.getProcessCpuTime() - cpuStart) / 1e3 / events;
            System.out.printf(Locale.ROOT, "  bare KafkaProducer loop: %,.0f events/s (%.2f us CPU/event)%n", rate, cpuPerEvent);
            if (record) {
                record(BARE, rate, cpuPerEvent);
            }
        }
        assertThat(acked.sum()).isEqualTo(events);
        assertThat(failed.sum()).isZero();
        assertDelivered(topic, events);
    }

    private void producerPerformance(int events, boolean record) throws Exception {
        String topic = topic("perf");
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", String.valueOf(events),
                "--throughput", "-1", "--payload-file", payloads.toString(), "--producer-props"));
        settings("perf").forEach((k, v) -> {
            if (!k.endsWith(".serializer")) {
                args.add(k + "=" + v);
            }
        });
        long cpuStart = OS.getProcessCpuTime();
        String output = capturingStdout(() -> {
            try {
                ProducerPerformance.main(args.toArray(String[]::new));
            } catch (Exception e) {
                throw new IllegalStateException("ProducerPerformance failed", e);
            }
            return null;
        });
        double cpuPerEvent = (OS.getProcessCpuTime() - cpuStart) / 1e3 / events;
        Matcher m = PERF_TOTAL.matcher(output);
        String total = null;
        double rate = 0;
        long sent = 0;
        while (m.find()) {
            total = m.group();
            sent = Long.parseLong(m.group(1));
            rate = Double.parseDouble(m.group(2));
        }
        assertThat(total).as("ProducerPerformance's summary in: %s", output).isNotNull();
        System.out.printf(Locale.ROOT, "  ProducerPerformance: %,.0f events/s (%.2f us CPU/event, with producer start and close) (%s)%n",
                rate, cpuPerEvent, total);
        if (record) {
            record(PERF, rate, cpuPerEvent);
        }
        assertThat(sent).isEqualTo(events);
        assertDelivered(topic, events);
    }

    private void record(String contender, double rate, double cpuPerEvent) {
        rates.computeIfAbsent(contender, k -> new ArrayList<>()).add(rate);
        cpu.computeIfAbsent(contender, k -> new ArrayList<>()).add(cpuPerEvent);
    }

    private void report(double averageBytes) {
        System.out.printf(Locale.ROOT, "%nProducer throughput: %,d process events of %.0f bytes of JSON on average, %d partitions,"
                        + " embedded broker on 127.0.0.1 in the same JVM, %d cores%n", EVENTS, averageBytes, PARTITIONS,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "producer settings for all: acks=all, idempotent, lz4, linger.ms=%d, batch.size=%d;"
                        + " system load average at the end: %.1f%n",
                ProducerSettings.LINGER_MS, ProducerSettings.BATCH_BYTES, OS.getSystemLoadAverage());
        table("events/s", rates, "%,10.0f");
        table("CPU us/event, whole JVM", cpu, "%10.2f");
        double bare = median(rates.get(BARE));
        System.out.printf(Locale.ROOT, "stophack load mode / bare loop, events/s: %.2f (sending), %.2f (including the CSV load);"
                        + " CPU per event: %.2fx the bare loop's%n",
                median(rates.get(LOAD)) / bare, median(rates.get(LOAD_ALL)) / bare, median(cpu.get(LOAD)) / median(cpu.get(BARE)));
        System.out.printf(Locale.ROOT, "stophack load mode second pass / bare loop, events/s: %.2f; CPU per event: %.2fx%n",
                median(rates.get(LOAD_SECOND)) / bare, median(cpu.get(LOAD_SECOND)) / median(cpu.get(BARE)));
        System.out.printf(Locale.ROOT, "ProducerPerformance / bare loop, events/s: %.2f; CPU per event: %.2fx%n",
                median(rates.get(PERF)) / bare, median(cpu.get(PERF)) / median(cpu.get(BARE)));
    }

    /** The figures for stophack bench: load mode against the bare loop (the goal) and against ProducerPerformance. */
    private void record(BenchRecorder recorder) throws IOException {
        recorder.figure("producer load mode vs bare send loop", "events/s", LOAD, rates.get(LOAD), BARE, rates.get(BARE),
                        BenchGoal.ratioAtLeast(0.8), null)
                .figure("producer load mode vs ProducerPerformance", "events/s", LOAD, rates.get(LOAD), PERF, rates.get(PERF),
                        null, null)
                .figure("producer CPU per event vs bare send loop", "us/event", LOAD, cpu.get(LOAD), BARE, cpu.get(BARE),
                        null, null)
                .note(String.format(Locale.ROOT, "%,d process events per run, warm-up of %,d events per contender; broker"
                        + " embedded in the benchmark's JVM; acks=all, idempotent, lz4 for all", EVENTS, WARMUP_EVENTS))
                .writeIfAsked();
    }

    private static void table(String title, Map<String, List<Double>> figures, String format) {
        System.out.printf(Locale.ROOT, "%-42s %s   %10s%n", title, "runs", "median");
        figures.forEach((name, values) -> System.out.printf(Locale.ROOT, "%-42s %s   " + format + "%n", name,
                values.stream().map(v -> String.format(Locale.ROOT, format, v)).collect(Collectors.joining(" ")), median(values)));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private Map<String, Object> settings(String name) {
        return ProducerSettings.reliable(kafka.bootstrapServers(), "bench-" + name);
    }

    /** A fresh topic per run, so each run's delivery can be counted exactly; the previous one is deleted. */
    private String topic(String name) throws Exception {
        String topic = "bench-" + name + "-" + (++topics);
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        // every contender starts on partitions that are online: see TopicReady for the loss otherwise
        assertThat(TopicReady.await(kafka.bootstrapServers(), topic, java.time.Duration.ofSeconds(60))).isTrue();
        return topic;
    }

    /** The topic holds exactly {@code events} records (no loss, no duplicate), then goes to free the disk. */
    private void assertDelivered(String topic, long events) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long total = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        assertThat(total).as("records in %s", topic).isEqualTo(events);
        admin.deleteTopics(List.of(topic)).all().get();
    }

    private static String capturingStdout(Supplier<Void> action) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
