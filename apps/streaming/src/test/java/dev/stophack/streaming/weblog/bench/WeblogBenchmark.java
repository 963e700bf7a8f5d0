package dev.stophack.streaming.weblog.bench;

import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.S3Options;
import dev.stophack.embedded.FreePort;
import dev.stophack.embedded.KafkaCommand;
import dev.stophack.embedded.S3Command;
import dev.stophack.embedded.s3.EmbeddedS3;
import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import dev.stophack.models.ModelStore;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.storage.S3Clients;
import dev.stophack.streaming.StreamJob;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.weblog.WeblogQueries;
import dev.stophack.streaming.weblog.WeblogSettings;
import dev.stophack.testkit.bench.BenchRecorder;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Throughput of the web access-log queries (prints figures, asserts nothing about speed): 2M
 * generated lines pre-filled into a broker that runs as its own process ({@code stophack kafka},
 * 2 partitions), S3 as its own process ({@code stophack s3}); then, in turn and each after a
 * warm-up pass, a bare consumer parsing the lines with a precompiled regular expression in one
 * thread, the same loop with the job's parser, and the job itself ({@code stophack stream
 * --weblog-only --once}: parse, persist, rate limiter, surge detector) on {@code local[2]} in this
 * JVM, after a warm-up run into other outputs. Then {@code -Dweblog.bench.runs} (3) measured runs,
 * the regex loop and the job in turn. Lines/s of the job = lines / time from its first query's start
 * to its last query's end.
 */
public class WeblogBenchmark {
    static final long LINES = Long.getLong("weblog.bench.lines", 2_000_000);
    static final int WARM_UP_RUNS = Integer.getInteger("weblog.bench.warmups", 1);
    static final int RUNS = Integer.getInteger("weblog.bench.runs", 3);
    private final AtomicLong peakHeap = new AtomicLong();

    public static void main(String[] args) throws Exception {
        new WeblogBenchmark().throughput();
    }

    @Test
    void throughput() throws Exception {
        BenchRecorder recorder = new BenchRecorder("weblog").warmUpRuns(WARM_UP_RUNS);
        Path work = Files.createTempDirectory("weblog-bench-");
        long t0 = System.nanoTime();
        WeblogGenerator.Summary log = new WeblogGenerator(new WeblogGenerator.Options(LINES, Duration.ofHours(12),
                Instant.parse("2024-05-18T00:00:00Z"), LineFormat.SEED, 3, 0.00002, 42)).writeAll(work, false);
        System.out.printf("%ngenerated %,d lines (%,d malformed, %d incidents) in %.1f s%n", log.lines(), log.malformed(),
                log.incidents().size(), secs(t0));
        int kafkaPort = FreePort.pick();
        int s3Port = FreePort.pick();
        try (ServiceProcess kafka = ServiceProcess.start("kafka", KafkaCommand.class.getName(), "kafka listening on",
                     work.resolve("kafka.log"), "--port", String.valueOf(kafkaPort), "--data", work.resolve("kafka").toString());
             ServiceProcess s3 = ServiceProcess.start("s3", S3Command.class.getName(), "s3 listening on",
                     work.resolve("s3.log"), "--port", String.valueOf(s3Port), "--data", work.resolve("s3").toString())) {
            String bootstrap = "127.0.0.1:" + kafkaPort;
            String endpoint = "http://127.0.0.1:" + s3Port;
            System.out.printf("broker %s at %s, S3 %s at %s, each its own process%n", kafka, bootstrap, s3, endpoint);
            t0 = System.nanoTime();
            long produced = prefill(bootstrap, log.log());
            System.out.printf("pre-filled %,d lines into %s in %.1f s%n", produced, Topics.WEBLOG, secs(t0));

            BareRegexConsumer.run(bootstrap, produced, false);
            BareRegexConsumer.run(bootstrap, produced, true);
            double cpu0 = processCpu();
            BareRegexConsumer.Result ours = BareRegexConsumer.run(bootstrap, produced, true);
            System.out.printf("bare KafkaConsumer + the job's parser, 1 thread, after a warm-up pass: %,.0f lines/s;"
                    + " %.2f us/line of CPU%n", ours.perSecond(), (processCpu() - cpu0) * 1e6 / produced);

            SparkSession spark = session(endpoint);
            ModelStore store = store(endpoint);
            Thread sampler = heapSampler();
            for (int run = 1; run <= WARM_UP_RUNS; run++) {
                long w0 = System.nanoTime();
                try (StreamJob job = new StreamJob(spark, settings(bootstrap, "warm-up-" + run), store, new StreamMetrics(),
                        WeblogSettings.defaults(WeblogSettings.Mode.ONLY))) {
                    job.run();
                }
                System.out.printf("warm-up run %d of the job over the same lines (under warm-up-%d/): %.1f s%n", run, run, secs(w0));
            }
            System.gc();
            peakHeap.set(0);
            // the reference and the job in turn, so that a change in the machine's load falls on both
            List<Double> bareRates = new ArrayList<>();
            List<Double> jobRates = new ArrayList<>();
            List<Double> batchRates = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                cpu0 = processCpu();
                BareRegexConsumer.Result bare = BareRegexConsumer.run(bootstrap, produced, false);
                double bareCpu = processCpu() - cpu0;
                System.out.printf("%nmeasured run %d of %d%nbare KafkaConsumer + precompiled regex, 1 thread: %,d lines in"
                        + " %.1f s = %,.0f lines/s; CPU of this JVM %.1f s = %.2f us/line%n", run, RUNS, bare.lines(),
                        bare.nanos() / 1e9, bare.perSecond(), bareCpu, bareCpu * 1e6 / produced);
                bareRates.add(bare.perSecond());
                QueryClock clock = measureJob(spark, store, kafka, s3, bootstrap, "run-" + run, produced, bare, bareCpu);
                jobRates.add(clock.rate(produced));
                if (clock.batchRate() > 0) {
                    batchRates.add(clock.batchRate());
                }
            }
            sampler.interrupt();
            String last = "run-" + RUNS;
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.out.printf("%nheap: peak used %,d MB of %,d MB over the measured runs%n", peakHeap.get() >> 20,
                    memory.getHeapMemoryUsage().getMax() >> 20);
            System.out.printf("rows of the last run: %,d events, %,d dead letters, %,d blocklist decisions, %,d alerts%n",
                    spark.read().parquet(root(endpoint, last) + "/" + S3Layout.WEBLOG_EVENTS).count(),
                    spark.read().parquet(root(endpoint, last) + "/" + S3Layout.WEBLOG_DEADLETTER).count(),
                    spark.read().parquet(root(endpoint, last) + "/" + S3Layout.RATELIMIT_ALERTS).count(),
                    spark.read().parquet(root(endpoint, last) + "/" + S3Layout.ERRORSURGE_ALERTS).count());
            // what a parquet setting would trade: the bytes written against the events step's CPU
            try (var files = Files.walk(work.resolve("s3").resolve(EmbeddedS3.DEFAULT_BUCKET).resolve(last).resolve(S3Layout.WEBLOG_EVENTS))) {
                System.out.printf("%s of the last run: %,d bytes%n", S3Layout.WEBLOG_EVENTS, files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().endsWith(".parquet")).mapToLong(f -> f.toFile().length()).sum());
            }
            System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            recorder.figure("web-log detectors vs bare consume + regex loop", "lines/s", "stophack stream --weblog-only --once",
                    jobRates, "bare KafkaConsumer + precompiled regex", bareRates, BenchGoal.ratioAtLeast(0.5), null);
            if (batchRates.size() == RUNS) {
                recorder.figure("web-log detectors, the batch's work on the lines (addBatch)", "lines/s",
                        "stophack stream --weblog-only --once", batchRates, "bare KafkaConsumer + precompiled regex",
                        bareRates, null, "steady");
            }
            recorder.note(String.format(java.util.Locale.ROOT, "%,d lines, %d measured run(s) after %d warm-up run(s), the"
                    + " regex loop and the job in turn; broker and S3 their own processes", produced, RUNS, WARM_UP_RUNS))
                    .writeIfAsked();
        } finally {
            deleteAll(work); // the broker's copy of the topic and the outputs: about a gigabyte a run
        }
    }

    /** One measured run of the job into {@code prefix}, its figures printed; the clock of its queries returned. */
    private QueryClock measureJob(SparkSession spark, ModelStore store, ServiceProcess kafka, ServiceProcess s3, String bootstrap,
            String prefix, long produced, BareRegexConsumer.Result bare, double bareCpu) throws Exception {
        QueryClock clock = new QueryClock();
        spark.streams().addListener(clock);
        StageTimes stages = new StageTimes();
        spark.sparkContext().addSparkListener(stages);
        System.gc();
        double kafkaCpu = kafka.cpuSeconds();
        double s3Cpu = s3.cpuSeconds();
        double jobCpu0 = processCpu();
        long start = System.nanoTime();
        try (StreamJob job = new StreamJob(spark, settings(bootstrap, prefix), store, new StreamMetrics(),
                WeblogSettings.defaults(WeblogSettings.Mode.ONLY))) {
            job.run();
        }
        double total = secs(start);
        double jobCpu = processCpu() - jobCpu0;
        spark.streams().removeListener(clock);
        spark.sparkContext().removeSparkListener(stages);
        clock.close(start);
        double seconds = (clock.last - clock.first) / 1e9;
        double rate = clock.rate(produced);
        System.out.printf("the job, local[2], --weblog-only --once, %s:%n", WARM_UP_RUNS > 0 ? "after a warm-up run" : "cold JVM");
        System.out.printf("  parse + persist + rate limiter + surge detector, %,d lines: %.1f s = %,.0f lines/s%n", produced,
                seconds, rate);
        System.out.printf("  ratio to the bare regex consumer: %.2fx%n", rate / bare.perSecond());
        System.out.printf("  CPU of this JVM during the run: %.1f s = %.2f us/line (bare regex loop: %.2f us/line); on two"
                + " idle cores that CPU would allow %,.0f lines/s, the bare loop's on one %,.0f: %.2fx%n", jobCpu,
                jobCpu * 1e6 / produced, bareCpu * 1e6 / produced, 2 * produced / jobCpu, produced / bareCpu,
                (2 * produced / jobCpu) / (produced / bareCpu));
        System.out.printf("    %-18s %6.1f s from its start to its end%n", WeblogQueries.INGEST,
                (clock.ended.getOrDefault(WeblogQueries.INGEST, clock.last) - clock.started.getOrDefault(WeblogQueries.INGEST,
                        clock.first)) / 1e9);
        System.out.printf("  start-up before the first query: %.1f s; whole run: %.1f s%n", (clock.first - start) / 1e9, total);
        // a backlog is read as one batch (WeblogQueries' source), so there is no batch after the first: the
        // work on the lines (addBatch) is the steady part; offsets, planning, the WAL and commits the cold part
        System.out.printf("  batches with lines: %d, %.1f s in all, of which the work on the lines (addBatch) %.1f s;"
                + " the rest of the run (query start, offsets, planning, commits, end) %.1f s; by addBatch alone:"
                + " %,.0f lines/s = %.2fx%n", clock.batches.get(), clock.batchMillis.get() / 1e3,
                clock.addBatchMillis.get() / 1e3, seconds - clock.addBatchMillis.get() / 1e3, clock.batchRate(),
                clock.batchRate() / bare.perSecond());
        System.out.printf("  task time by query (core seconds; of which CPU; GC):%n");
        stages.totals().forEach((k, t) -> {
            if (t[0] >= 100) {
                System.out.printf("    %-32s %6.1f s  CPU %6.1f s  GC %5.1f s%n", k, t[0] / 1e3, t[1] / 1e3, t[2] / 1e3);
            }
        });
        System.out.printf("  CPU of the broker process during the run: %.1f s, of the S3 process: %.1f s%n",
                kafka.cpuSeconds() - kafkaCpu, s3.cpuSeconds() - s3Cpu);
        return clock;
    }

    private static void deleteAll(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long prefill(String bootstrap, Path log) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
             BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                int sp = line.indexOf(' ');
                producer.send(new ProducerRecord<>(Topics.WEBLOG, sp > 0 ? line.substring(0, sp).getBytes(StandardCharsets.UTF_8) : null,
                        line.getBytes(StandardCharsets.UTF_8)));
                n++;
            }
            producer.flush();
        }
        return n;
    }

    static String root(String endpoint, String prefix) {
        return "s3a://" + EmbeddedS3.DEFAULT_BUCKET + "/" + prefix;
    }

    private static StreamSettings settings(String bootstrap, String prefix) {
        String root = root(null, prefix);
        return new StreamSettings(dev.stophack.config.KafkaConnection.plaintext(bootstrap), root, root + "/" + S3Layout.CHECKPOINTS, Duration.ofSeconds(1), true, "earliest",
                500_000, 2, Duration.ofSeconds(10), Duration.ofHours(1));
    }

    private static S3Options s3Options(String endpoint) {
        S3Options s3 = new S3Options();
        s3.endpoint = endpoint;
        s3.bucket = EmbeddedS3.DEFAULT_BUCKET;
        s3.accessKey = EmbeddedS3.DEFAULT_ACCESS_KEY;
        s3.secretKey = EmbeddedS3.DEFAULT_SECRET_KEY;
        return s3;
    }

    private static SparkSession session(String endpoint) {
        if (SparkSession.getActiveSession().isDefined()) {
            SparkSession.active().stop();
        }
        return SparkSessions.create("weblog-benchmark", s3Options(endpoint), Map.of("spark.sql.shuffle.partitions", "2",
                "spark.ui.enabled", "false", "spark.ui.showConsoleProgress", "false"));
    }

    private static ModelStore store(String endpoint) {
        S3Client client = S3Clients.create(endpoint, EmbeddedS3.DEFAULT_ACCESS_KEY, EmbeddedS3.DEFAULT_SECRET_KEY);
        return new ModelStore(new S3BlobStore(client, EmbeddedS3.DEFAULT_BUCKET, S3Layout.MODELS));
    }

    private Thread heapSampler() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** CPU seconds this JVM has used so far, every thread. */
    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** When each query started and ended. */
    static final class QueryClock extends StreamingQueryListener {
        final Map<String, String> names = new ConcurrentHashMap<>();
        final Map<String, Long> started = new ConcurrentHashMap<>();
        final Map<String, Long> ended = new ConcurrentHashMap<>();
        long first;
        long last;

        /** Fixes the run's span: from the first query's start to the last query's end. */
        void close(long runStart) {
            first = started.values().stream().mapToLong(Long::longValue).min().orElse(runStart);
            last = ended.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
        }

        /** Lines per second over the run's span. */
        double rate(long lines) {
            return lines / ((last - first) / 1e9);
        }

        @Override
        public void onQueryStarted(QueryStartedEvent e) {
            names.put(e.id().toString(), e.name());
            started.putIfAbsent(e.name(), System.nanoTime());
        }

        final AtomicLong batches = new AtomicLong();
        final AtomicLong batchRows = new AtomicLong();
        final AtomicLong batchMillis = new AtomicLong();
        final AtomicLong addBatchMillis = new AtomicLong();

        @Override
        public void onQueryProgress(QueryProgressEvent e) {
            // the query's own batches: the rest of its time is its start (plans, first offsets) and its end
            if (e.progress().numInputRows() > 0) {
                batches.incrementAndGet();
                batchRows.addAndGet(e.progress().numInputRows());
                batchMillis.addAndGet(e.progress().batchDuration());
                addBatchMillis.addAndGet(e.progress().durationMs().getOrDefault("addBatch", 0L));
            }
        }

        /** Lines per second of the batches' work on the lines (addBatch), without offsets, planning and commits; 0 when none. */
        double batchRate() {
            return addBatchMillis.get() == 0 ? 0 : batchRows.get() * 1000.0 / addBatchMillis.get();
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent e) {
            String name = names.get(e.id().toString());
            if (name != null) {
                ended.put(name, System.nanoTime());
            }
        }
    }
}
