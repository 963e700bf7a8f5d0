package dev.stophack.streaming.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.S3Options;
import dev.stophack.embedded.FreePort;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.models.ModelStore;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.storage.S3Clients;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.BrokerProcess;
import dev.stophack.streaming.support.ChildJob;
import dev.stophack.streaming.support.S3Process;
import dev.stophack.testkit.bench.BenchRecorder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How long a model switch takes in the running job, and what it costs, printed, not asserted:
 * the job as its own process at the default trigger (5 s) and model poll (10 s), broker and S3
 * as their own processes ({@code stophack kafka}, {@code stophack s3} on free ports), events sent
 * in real time at the producers' schedule. Each round first promotes a version the hot way (the
 * ACTIVE write, the job goes on), then the way the chart's rollout does by default (the version
 * scores in the shadow of the active one first, then it is promoted: the job has it loaded
 * already), and then the spark-operator way (stop the job, write ACTIVE, start it again from its
 * checkpoint). Per switch: promotion to the first batch scored by the
 * new version (its start, and its events persisted), and the longest time without a persisted
 * batch; at the end, events lost or doubled, from the parquet by Kafka coordinates against every
 * acknowledged record, in total and per switch (each record counts for the switch nearest to its
 * send time). A restart's times count from the stop (SIGTERM, as a pod deletion), the operator's
 * first step. Times of batches come from the job's {@code stream-status} records.
 *
 * <p>Run with {@code mvn -pl apps/streaming -am -Pbench test -Dtest=ModelSwitchBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbench.rounds=3} (default),
 * {@code -Dbench.settle=60} (seconds between switches), {@code -Dbench.machines=5}.
 */
class ModelSwitchBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final Duration SETTLE = Duration.ofSeconds(Long.getLong("bench.settle", 60));
    private static final int MACHINES = Integer.getInteger("bench.machines", 5);
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final List<String> JVM = List.of("-Xmx2g", "-XX:+UseParallelGC");

    /**
     * One switch's figures, in seconds after the promotion: per kind, when the first batch scored
     * by the new version was read and when its events were stored; the longest time without a
     * stored batch; for a restart, when the old job had exited and how long the new one took from
     * its start to its first stored batch.
     */
    record Switch(String way, int version, long atMs, double processStarts, double processStored, double memoryStarts,
            double memoryStored, double longestGap, double stop, double startUp) {
        double stored() {
            return Math.max(processStored, memoryStored);
        }
    }

    @Test
    @Timeout(value = 90, unit = java.util.concurrent.TimeUnit.MINUTES)
    void hotSwapAgainstARestartFromTheCheckpoint() throws Exception {
        BenchRecorder recorder = new BenchRecorder("model-switch");
        Path work = Files.createTempDirectory("switch-bench-");
        System.out.printf("model switch benchmark in %s: %d rounds, %d machines, %d s between switches%n", work, ROUNDS,
                MACHINES, SETTLE.toSeconds());
        List<Integer> machines = new ArrayList<>();
        for (int m = 0; m < MACHINES; m++) {
            machines.add(4 + m);
        }
        new TelemetryGenerator(new TelemetryGenerator.Options(machines, 0, 20_000, 7)).writeAll(work, false);

        Path jobLog = work.resolve("stream.log");
        try (S3Process s3 = new S3Process(FreePort.pick(), work.resolve("s3"), work.resolve("s3.log")).start()) {
            BrokerProcess kafka = new BrokerProcess(FreePort.pick(), work.resolve("kafka"), work.resolve("kafka.log")).start();
            try {
                S3Client client = S3Clients.create(s3.endpoint(), s3.accessKey(), s3.secretKey());
                ModelStore store = new ModelStore(new S3BlobStore(client, s3.bucket(), S3Layout.MODELS));
                int versions = 1 + 3 * ROUNDS;
                copyBaselineModels(new S3BlobStore(client, s3.bucket(), S3Layout.MODELS), versions);
                activate(store, 1);

                List<Switch> switches = new ArrayList<>();
                Map<String, Long> sent;
                long failures;
                try (StatusLog status = new StatusLog(kafka.bootstrap());
                        PacedEvents events = new PacedEvents(kafka.bootstrap())) {
                    events.start(EventKind.PROCESS, work.resolve(TelemetryGenerator.PROCESS_STREAM), 1)
                            .start(EventKind.MEMORY, work.resolve(TelemetryGenerator.MEMORY_STREAM), 2);
                    Process job = startJob(kafka, s3, jobLog);
                    try {
                        Await.until(WAIT, "the job's first batch", () -> !status.entries().isEmpty());
                        Thread.sleep(SETTLE.toMillis());
                        int version = 1;
                        for (int round = 1; round <= ROUNDS; round++) {
                            switches.add(hotSwap(store, status, ++version));
                            Thread.sleep(SETTLE.toMillis());
                            switches.add(afterShadow(store, status, ++version));
                            Thread.sleep(SETTLE.toMillis());
                            int next = ++version;
                            long stopAt = System.currentTimeMillis();
                            job.destroy(); // SIGTERM, as a pod deletion: the shutdown hook stops the queries
                            job.waitFor();
                            long exitedAt = System.currentTimeMillis();
                            activate(store, next);
                            long startAt = System.currentTimeMillis();
                            job = startJob(kafka, s3, jobLog);
                            switches.add(measured("restart", next, stopAt, status, exitedAt, startAt));
                            Thread.sleep(SETTLE.toMillis());
                        }
                    } finally {
                        events.close();
                        sent = events.sent();
                        failures = events.failures();
                        // let the job persist what was sent last (by the batches' own counts), then stop it;
                        // events lost on the way never arrive: then the count below says which
                        long total = sent.size();
                        long deadline = System.currentTimeMillis() + Duration.ofMinutes(2).toMillis();
                        while (status.events() < total && System.currentTimeMillis() < deadline) {
                            Thread.sleep(500);
                        }
                        job.destroy();
                        job.waitFor();
                    }
                }
                Counts counts = count(s3, sent, switches);
                report(switches, counts, sent.size(), failures, jobLog);
                record(recorder, switches, counts);
            } finally {
                kafka.kill();
            }
        }
    }

    /** The ACTIVE write, then the job's first batch scored by {@code version}. */
    private static Switch hotSwap(ModelStore store, StatusLog status, int version) throws Exception {
        long promotedAt = System.currentTimeMillis();
        activate(store, version);
        return measured("hot swap", version, promotedAt, status, promotedAt, promotedAt);
    }

    /**
     * The chart's default rollout: {@code version} first scores in the shadow of the active one
     * (the CANDIDATE pointer, as the controller writes it), and once both kinds' batches show it
     * there, it is promoted; the time counts from the promotion, the job's first batch scored by it.
     */
    private static Switch afterShadow(ModelStore store, StatusLog status, int version) throws Exception {
        long shadowAt = System.currentTimeMillis();
        for (EventKind kind : EventKind.values()) {
            store.startShadow(kind, store.rolloutState(kind), version, new HistoryEntry(null, null,
                    HistoryEntry.Action.ShadowStarted, version, null, null, "benchmark", Map.of(), "benchmark"));
        }
        Await.until(WAIT, "batches scoring v" + version + " in the shadow", () -> status.first(shadowAt,
                e -> shadowedBy(e, "process", version)).isPresent() && status.first(shadowAt, e -> shadowedBy(e, "memory",
                version)).isPresent());
        long promotedAt = System.currentTimeMillis();
        for (EventKind kind : EventKind.values()) {
            store.promote(kind, store.rolloutState(kind), version, new HistoryEntry(null, null, HistoryEntry.Action.Promoted,
                    version, null, null, "benchmark", Map.of(), "benchmark"));
        }
        return measured("after shadow", version, promotedAt, status, promotedAt, promotedAt);
    }

    /**
     * The first batch scored by {@code version} for both kinds after {@code promotedAt}: when it
     * was read and when its status was sent (its events persisted), and the longest time without
     * a persisted batch from the last one before the promotion to that one.
     */
    private static Switch measured(String way, int version, long promotedAt, StatusLog status, long exitedAt,
            long startedAt) throws Exception {
        Await.until(WAIT, "batches scored by v" + version, () -> status.first(promotedAt, e -> scoredBy(e, "process", version))
                .isPresent() && status.first(promotedAt, e -> scoredBy(e, "memory", version)).isPresent());
        StatusLog.Entry process = status.first(promotedAt, e -> scoredBy(e, "process", version)).orElseThrow();
        StatusLog.Entry memory = status.first(promotedAt, e -> scoredBy(e, "memory", version)).orElseThrow();
        long before = status.last(promotedAt).map(StatusLog.Entry::sentMs).orElse(promotedAt);
        long last = Math.max(process.sentMs(), memory.sentMs());
        return new Switch(way, version, promotedAt, seconds(read(process) - promotedAt), seconds(process.sentMs() - promotedAt),
                seconds(read(memory) - promotedAt), seconds(memory.sentMs() - promotedAt),
                seconds(status.longestGap(before, last)), seconds(exitedAt - promotedAt),
                seconds(Math.min(process.sentMs(), memory.sentMs()) - startedAt));
    }

    /** A batch that scored events of {@code kind} with {@code version} in the shadow of the active one. */
    private static boolean shadowedBy(StatusLog.Entry e, String kind, int version) {
        return Integer.valueOf(version).equals(e.candidate(kind)) && e.status().kinds().get(kind).events() > 0;
    }

    /** A batch that names {@code version} for {@code kind} and read events of it. */
    private static boolean scoredBy(StatusLog.Entry e, String kind, int version) {
        return Integer.valueOf(version).equals(e.active(kind)) && e.status().kinds().get(kind).events() > 0;
    }

    private static long read(StatusLog.Entry e) {
        return java.time.Instant.parse(e.status().batchTime()).toEpochMilli();
    }

    private static double seconds(long ms) {
        return ms / 1e3;
    }

    private static void activate(ModelStore store, int version) throws Exception {
        for (EventKind kind : EventKind.values()) {
            store.activate(kind, version, "benchmark");
        }
    }

    private static Process startJob(BrokerProcess kafka, S3Process s3, Path log) throws Exception {
        // the defaults of stophack stream: 5 s trigger, 10 s model poll
        return ChildJob.start(JVM, kafka.bootstrap(), s3.endpoint(), s3.bucket(), s3.accessKey(), s3.secretKey(), log);
    }

    /** The repository's baseline v1 of each kind, stored as versions 1..{@code versions} (the same model each time). */
    private static void copyBaselineModels(BlobStore blobs, int versions) throws Exception {
        Path root = Path.of("../../models");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String key = root.relativize(f).toString().replace('\\', '/');
                if (!key.contains("/v1/") || key.contains("_claim-")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(f);
                for (int v = 1; v <= versions; v++) {
                    blobs.put(key.replace("/v1/", "/v" + v + "/"), bytes);
                }
            }
        }
    }

    /**
     * Lost and doubled records, from both kinds' parquet by Kafka coordinates; per switch, those
     * sent closer to it than to any other switch (its neighbourhood), so that each way's cost shows.
     */
    record Counts(long rows, long distinct, long lost, long doubled, long unknown, Map<Switch, long[]> bySwitch) {
    }

    private static Counts count(S3Process s3, Map<String, Long> sent, List<Switch> switches) {
        S3Options options = new S3Options();
        options.endpoint = s3.endpoint();
        options.bucket = s3.bucket();
        options.accessKey = s3.accessKey();
        options.secretKey = s3.secretKey();
        SparkSession spark = SparkSessions.create("switch-benchmark", options, Map.of("spark.ui.enabled", "false",
                "spark.ui.showConsoleProgress", "false", "spark.sql.shuffle.partitions", "2"));
        long rows = 0;
        Map<String, Long> persisted = new HashMap<>();
        for (EventKind kind : EventKind.values()) {
            List<Row> coordinates = spark.read().parquet(S3Layout.s3a(s3.bucket(), S3Layout.events(kind)))
                    .groupBy("kafka_partition", "kafka_offset").count().collectAsList();
            for (Row r : coordinates) {
                persisted.put(PacedEvents.coordinates(kind.topic(), r.getInt(0), r.getLong(1)), r.getLong(2));
                rows += r.getLong(2);
            }
        }
        long dead;
        try {
            dead = spark.read().parquet(S3Layout.s3a(s3.bucket(), S3Layout.DEADLETTER)).count();
        } catch (Exception e) { // Spark's AnalysisException, undeclared: no file was ever committed there
            if (!String.valueOf(e.getMessage()).contains("Unable to infer schema")) {
                throw new IllegalStateException(e);
            }
            dead = 0;
        }
        assertThat(dead).as("generated events are all readable").isZero();
        Map<Switch, long[]> bySwitch = new LinkedHashMap<>();
        switches.forEach(s -> bySwitch.put(s, new long[2]));
        long lost = 0;
        long doubled = 0;
        for (Map.Entry<String, Long> e : sent.entrySet()) {
            long copies = persisted.getOrDefault(e.getKey(), 0L);
            if (copies == 1) {
                continue;
            }
            long[] near = switches.isEmpty() ? new long[2] : bySwitch.get(nearest(switches, e.getValue()));
            if (copies == 0) {
                lost++;
                near[0]++;
            } else {
                doubled += copies - 1;
                near[1] += copies - 1;
            }
        }
        Set<String> unknown = new HashSet<>(persisted.keySet());
        unknown.removeAll(sent.keySet());
        return new Counts(rows, persisted.size(), lost, doubled, unknown.size(), bySwitch);
    }

    private static Switch nearest(List<Switch> switches, long sentMs) {
        Switch best = switches.get(0);
        for (Switch s : switches) {
            if (Math.abs(s.atMs() - sentMs) < Math.abs(best.atMs() - sentMs)) {
                best = s;
            }
        }
        return best;
    }

    private static void report(List<Switch> switches, Counts counts, long sent, long failures, Path jobLog) {
        System.out.printf("%nmodel switches: seconds after the promotion until the first batch scored by the new version"
                + " was read / had its events stored (from stream-status)%n");
        System.out.printf("  %-12s %7s %16s %16s %24s %12s %16s %6s %8s%n", "way", "version", "process", "memory",
                "longest without a batch", "job exited", "start to stored", "lost", "doubled");
        for (Switch s : switches) {
            boolean restart = s.way().equals("restart");
            long[] losses = counts.bySwitch().get(s);
            System.out.printf("  %-12s %7d %16s %16s %24.1f %12s %16s %6d %8d%n", s.way(), s.version(),
                    String.format("%.1f / %.1f", s.processStarts(), s.processStored()),
                    String.format("%.1f / %.1f", s.memoryStarts(), s.memoryStored()), s.longestGap(),
                    restart ? String.format("%.1f", s.stop()) : "-", restart ? String.format("%.1f", s.startUp()) : "-",
                    losses[0], losses[1]);
        }
        Map<String, List<Switch>> byWay = new java.util.TreeMap<>();
        switches.forEach(s -> byWay.computeIfAbsent(s.way(), k -> new ArrayList<>()).add(s));
        byWay.forEach((way, list) -> System.out.printf("  %-12s median: both kinds stored by the new version after %.1f s,"
                + " longest without a stored batch %.1f s%n", way, median(list, Switch::stored), median(list, Switch::longestGap)));
        System.out.printf("%nevents: %,d acknowledged (%d sends failed), %,d rows persisted, %,d distinct: %,d lost, %,d"
                + " doubled, %,d not sent by this run%n", sent, failures, counts.rows(), counts.distinct(), counts.lost(),
                counts.doubled(), counts.unknown());
        System.out.printf("load average at the end: %.1f (2 cores); job log: %s%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), jobLog);
    }

    /** For stophack bench: the hot swap's times against the restart's, each switch one run. */
    private static void record(BenchRecorder recorder, List<Switch> switches, Counts counts) throws java.io.IOException {
        List<Double> hot = way(switches, "hot swap", Switch::stored);
        List<Double> shadowed = way(switches, "after shadow", Switch::stored);
        List<Double> restart = way(switches, "restart", Switch::stored);
        List<Double> hotGap = way(switches, "hot swap", Switch::longestGap);
        List<Double> restartGap = way(switches, "restart", Switch::longestGap);
        recorder.figure("model switch: promotion to both kinds stored by the new version", "s", "hot swap (ACTIVE write)", hot,
                        "restart from the checkpoint", restart, BenchGoal.atMost(15), null)
                .figure("model switch after a shadow period (the chart's rollout): promotion to both kinds stored", "s",
                        "hot swap of the shadowed version", shadowed, "restart from the checkpoint", restart,
                        BenchGoal.atMost(15), null)
                .figure("model switch: longest time without a stored batch", "s", "hot swap (ACTIVE write)", hotGap,
                        "restart from the checkpoint", restartGap, null, null)
                .figure("model switch: events lost or doubled", "events", "both ways",
                        List.of((double) (counts.lost() + counts.doubled())), BenchGoal.atMost(0))
                .note(String.format(java.util.Locale.ROOT, "%d rounds (a hot swap, a promotion after a shadow period and a"
                        + " restart each), %d machines in real"
                        + " time, %d s between switches; job, broker and S3 each their own process; goal: one trigger (5 s)"
                        + " plus one model poll (10 s)", ROUNDS, MACHINES, SETTLE.toSeconds()))
                .writeIfAsked();
    }

    private static List<Double> way(List<Switch> switches, String way, java.util.function.Function<Switch, Double> figure) {
        return switches.stream().filter(s -> s.way().equals(way)).map(figure).toList();
    }

    private static double median(List<Switch> list, java.util.function.ToDoubleFunction<Switch> f) {
        double[] v = list.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
