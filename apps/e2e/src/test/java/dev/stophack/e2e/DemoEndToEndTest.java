package dev.stophack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stophack demo --fast} as a user runs it, every part its own process on free ports,
 * with malformed records among what it reads; then {@code ./stophack query} and
 * {@code ./stophack report} over what it left. With -Pe2e, a second run on the same folder.
 */
class DemoEndToEndTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern CAUGHT_UP = Pattern.compile("demo: caught up: the streaming job has read all ([0-9,]+) events");
    private static final Pattern STATUS = Pattern.compile("status: produced ([-0-9,]+) \\| persisted ([-0-9,]+) \\| dead letters"
            + " ([-0-9,]+) \\| potential attacks ([-0-9,]+) \\| detected ([-0-9,]+) \\| models (.*)");
    /** Library warnings that must not reach a user, on the terminal or in the parts' logs. */
    private static final List<String> NOISE = List.of("MetricsConfig", "JNIBLAS", "ResolveWriteToStream", "JAXB",
            "No SLF4J providers", "SLF4J(W)", "NativeCodeLoader");

    @TempDir
    Path data;
    /** The test's own files: the demo's output, what the commands printed, the report. */
    @TempDir
    Path scratch;

    private record Status(Long produced, Long persisted, Long dead, Long potential, Long detected, String models) {
        static Status of(Matcher m) {
            return new Status(number(m.group(1)), number(m.group(2)), number(m.group(3)), number(m.group(4)),
                    number(m.group(5)), m.group(6));
        }
    }

    private record Run(int code, String out) {
        long caughtUp() {
            Matcher m = CAUGHT_UP.matcher(out);
            assertThat(m.find()).as("the demo says it caught up:%n%s", out).isTrue();
            return number(m.group(1));
        }

        List<Status> statuses() {
            List<Status> all = new ArrayList<>();
            Matcher m = STATUS.matcher(out);
            while (m.find()) {
                all.add(Status.of(m));
            }
            return all;
        }
    }

    /**
     * The short form, in every build: one run with a handful of malformed records put onto its
     * topics while it runs; then every query preset and the report, as a user runs them, over
     * what it left.
     */
    @Test
    void whatTheProducersSentIsPersistedOrDeadLetteredAndAttacksAreCounted() throws Exception {
        List<Integer> ports = freePorts(6);
        Run first = demo(25, ports, () -> Malformed.send("127.0.0.1:" + ports.get(0)));
        long inKafka = checkFirstRun(first);
        assertThat(inKafka).isPositive();
        List<Status> statuses = first.statuses();
        assertThat(statuses.get(statuses.size() - 1).dead()).as("the malformed records, dead-lettered")
                .isEqualTo(Malformed.RECORDS.size());
        assertNoLibraryNoise(first.out());

        // one Spark start each, side by side: most of a start is waiting, not both cores
        ExecutorService both = Executors.newFixedThreadPool(2);
        try (S3Endpoint s3 = S3Endpoint.start(data.resolve("s3"), freePorts(1).get(0), scratch)) {
            Future<?> queries = both.submit(() -> checkQueries(s3, inKafka));
            Future<?> report = both.submit(() -> checkReport(s3));
            queries.get();
            report.get();
        } finally {
            both.shutdownNow();
        }
    }

    /**
     * Every preset in one {@code stophack query} session (statements from stdin, one Spark start),
     * with the documented columns; the parquet's counts against Kafka's; the dead letters with
     * their reasons.
     */
    private Void checkQueries(S3Endpoint s3, long inKafka) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        Preset.COLUMNS.keySet().forEach(name -> script.append("\\preset ").append(name).append('\n'));
        script.append("SELECT (SELECT COUNT(*) FROM process_events) + (SELECT COUNT(*) FROM memory_events) AS persisted,"
                + " (SELECT COUNT(*) FROM deadletter) AS dead\n");
        script.append("SELECT topic, substring_index(reason, ':', 1) AS code, raw_bytes, raw_truncated FROM deadletter"
                + " ORDER BY topic, code\n");
        script.append("SELECT COUNT(*) AS lines, COUNT(DISTINCT host) AS hosts FROM weblog_events\n");
        List<TextTables.Table> tables = TextTables.parse(s3.run(scratch, script.toString(),
                "query", "--limit", "0"));
        assertThat(tables).as("one table per statement").hasSize(Preset.COLUMNS.size() + 3);

        int i = 0;
        for (Map.Entry<String, List<String>> preset : Preset.COLUMNS.entrySet()) {
            assertThat(tables.get(i++).columns()).as("the columns of --preset %s", preset.getKey())
                    .containsExactlyElementsOf(preset.getValue());
        }
        Map<String, TextTables.Table> byPreset = new java.util.LinkedHashMap<>();
        i = 0;
        for (String name : Preset.COLUMNS.keySet()) {
            byPreset.put(name, tables.get(i++));
        }
        assertThat(byPreset.get("top-commands").rows()).as("commands scored in the parquet").isNotEmpty();
        assertThat(byPreset.get("model-versions").rows()).as("both kinds scored by v1, the baseline promoted")
                .anySatisfy(row -> assertThat(row).startsWith("process", "1"))
                .anySatisfy(row -> assertThat(row).startsWith("memory", "1"))
                .allSatisfy(row -> assertThat(row).contains("Promoted"));
        assertThat(byPreset.get("deadletter-reasons").rows())
                .as("one dead letter per malformed record, by topic and reason code")
                .map(row -> row.get(0) + " " + row.get(1) + " " + row.get(2))
                .containsExactlyInAnyOrderElementsOf(Malformed.RECORDS.stream()
                        .map(r -> r.topic() + " " + r.code() + " 1").toList());

        TextTables.Table counts = tables.get(i++);
        long persisted = Long.parseLong(counts.rows().get(0).get(0));
        long dead = Long.parseLong(counts.rows().get(0).get(1));
        assertThat(dead).isEqualTo(Malformed.RECORDS.size());
        assertThat(persisted + dead).as("the parquet: persisted + dead-lettered = events in Kafka").isEqualTo(inKafka);

        TextTables.Table letters = tables.get(i++);
        assertThat(letters.rows()).as("the oversized record: its length kept, its text cut")
                .anySatisfy(row -> assertThat(row).containsExactly("memory", "too-long",
                        String.valueOf(Malformed.OVERSIZED_BYTES), "true"));

        List<String> web = tables.get(i).rows().get(0);
        assertThat(Long.parseLong(web.get(0))).as("the replayed web log's lines, persisted").isPositive();
        assertThat(Long.parseLong(web.get(1))).as("from many clients").isGreaterThan(10);
        return null;
    }

    /**
     * {@code stophack report} over the embedded S3's own folder (its sink logs name s3a:// files):
     * five charts that decode at 960x440, and the page that shows them.
     */
    private Void checkReport(S3Endpoint s3) throws IOException, InterruptedException {
        Path out = scratch.resolve("report");
        String printed = s3.run(scratch, "", "report", "--data", data.resolve("s3/stophack").toString(),
                "--out", out.toString());
        for (String chart : List.of("potential-attacks.png", "detected-attacks.png", "events-per-machine.png",
                "dead-letters.png", "model-versions.png")) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(out.resolve(chart).toFile());
            assertThat(image).as("%s decodes as an image", chart).isNotNull();
            assertThat(image.getWidth()).as(chart).isEqualTo(960);
            assertThat(image.getHeight()).as(chart).isEqualTo(440);
            assertThat(printed).contains(chart);
        }
        String page = Files.readString(out.resolve("report.md"));
        assertThat(page).contains("](potential-attacks.png)", "](detected-attacks.png)", "](events-per-machine.png)",
                "](dead-letters.png)", "](model-versions.png)");
        return null;
    }

    /** The long form, with -Pe2e: a second run on the same data folder, then the parquet read back. */
    @Test
    @Tag("long-e2e")
    void aSecondRunResumesAndTheParquetHoldsEveryEventOnce() throws Exception {
        Run first = demo(40);
        long inKafka = checkFirstRun(first);

        Run second = demo(20);
        assertThat(second.code()).as(second.out()).isZero();
        assertThat(second.out()).contains("resuming");
        long allInKafka = second.caughtUp();
        assertThat(allInKafka).isGreaterThan(inKafka);
        List<Status> statuses = second.statuses();
        Status last = statuses.get(statuses.size() - 1);
        assertThat(last.persisted() + last.dead()).as("stream-status over both runs: %s", last).isEqualTo(allInKafka);

        Map<String, Long> parquet = query("SELECT"
                + " (SELECT COUNT(*) FROM process_events) AS process,"
                + " (SELECT COUNT(DISTINCT kafka_partition, kafka_offset) FROM process_events) AS process_distinct,"
                + " (SELECT COUNT(*) FROM memory_events) AS memory,"
                + " (SELECT COUNT(DISTINCT kafka_partition, kafka_offset) FROM memory_events) AS memory_distinct,"
                + " (SELECT COUNT(*) FROM deadletter) AS dead,"
                + " (SELECT COUNT(*) FROM process_events WHERE prediction = 1.0)"
                + " + (SELECT COUNT(*) FROM memory_events WHERE prediction = 1.0) AS attack_events");
        assertThat(parquet.get("process") + parquet.get("memory") + parquet.get("dead"))
                .as("every event in Kafka persisted or dead-lettered: %s", parquet).isEqualTo(allInKafka);
        assertThat(parquet.get("process")).as("no row twice after the resume").isEqualTo(parquet.get("process_distinct"));
        assertThat(parquet.get("memory")).as("no row twice after the resume").isEqualTo(parquet.get("memory_distinct"));
        assertThat(parquet.get("attack_events")).isPositive();
        assertNoLibraryNoise(first.out() + second.out());
    }

    /**
     * A first run on an empty folder: the producers' last figure before they stopped is at most
     * what Kafka holds (they send what they hold back when they stop), and what the streaming job
     * says it persisted and dead-lettered adds up to exactly that.
     */
    private long checkFirstRun(Run first) {
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("dashboard   http://127.0.0.1:", "query       in another terminal:",
                "web log     an hour of generated log");
        long inKafka = first.caughtUp();
        List<Status> statuses = first.statuses();
        Status running = statuses.get(statuses.size() - 2); // the last one before the producers stopped
        Status last = statuses.get(statuses.size() - 1);
        assertThat(running.produced()).as("the producers' metrics").isPositive().isLessThanOrEqualTo(inKafka);
        assertThat(last.persisted() + last.dead()).as("the streaming job's metrics: %s", last).isEqualTo(inKafka);
        assertThat(last.potential()).as("potential attacks with the baseline models").isPositive();
        assertThat(last.models()).contains("process v1", "memory v1");
        return inKafka;
    }

    private void assertNoLibraryNoise(String terminal) throws IOException {
        String everything = terminal + logs();
        assertThat(NOISE).allSatisfy(noise -> assertThat(everything).as("a library warning").doesNotContain(noise));
    }

    private Run demo(int seconds) throws Exception {
        return demo(seconds, freePorts(6), () -> { });
    }

    /** Runs the demo; once its start screen is out (every part up), {@code whileRunning} runs. */
    private Run demo(int seconds, List<Integer> ports, Step whileRunning) throws Exception {
        Path out = Files.createTempFile(scratch, "demo", ".out");
        Process p = new ProcessBuilder(ROOT.resolve("stophack").toString(), "demo", "--fast", "--data", data.toString(),
                "--duration", String.valueOf(seconds), "--train-after", "3600",
                "--kafka-port", ports.get(0).toString(), "--s3-port", ports.get(1).toString(),
                "--http-port", ports.get(2).toString(),
                "--metrics-ports", ports.get(3) + "," + ports.get(4) + "," + ports.get(5), "--spark-ui-port", "0")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
            while (p.isAlive() && !Files.readString(out).contains("Ctrl-C stops everything") && System.nanoTime() < giveUp) {
                Thread.sleep(200);
            }
            if (p.isAlive()) {
                whileRunning.run();
            }
            if (!p.waitFor(8, TimeUnit.MINUTES)) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.isAlive() ? -1 : p.exitValue(), Files.readString(out));
    }

    /** Something done while the demo runs. */
    private interface Step {
        void run() throws Exception;
    }

    /** {@code stophack query} as a user runs it after the demo, through the S3 endpoint over the demo's folder. */
    private Map<String, Long> query(String sql) throws IOException, InterruptedException {
        try (S3Endpoint s3 = S3Endpoint.start(data.resolve("s3"), freePorts(1).get(0), scratch)) {
            List<String> lines = s3.run(scratch, "", "query", "--format", "csv", sql).lines().toList();
            String[] names = lines.get(0).split(",");
            String[] values = lines.get(1).split(",");
            Map<String, Long> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], Long.parseLong(values[i]));
            }
            return row;
        }
    }

    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            for (Path f : files.toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    private static Long number(String text) {
        return text.equals("-") ? null : Long.parseLong(text.replace(",", ""));
    }

    /** Ports free now, all different: held open together, then released for the demo's parts. */
    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
