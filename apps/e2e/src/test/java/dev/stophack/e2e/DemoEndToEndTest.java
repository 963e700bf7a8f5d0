package dev.stophack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stophack demo --fast} as a user runs it, twice on the same data folder, every part its
 * own process on free ports; then {@code ./stophack query} over the parquet it left.
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

    /** The short form, in every build: one run. */
    @Test
    void whatTheProducersSentIsPersistedOrDeadLetteredAndAttacksAreCounted() throws Exception {
        Run first = demo(25);
        long inKafka = checkFirstRun(first);
        assertThat(inKafka).isPositive();
        assertNoLibraryNoise(first.out());
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
        assertThat(first.out()).contains("dashboard   http://127.0.0.1:", "query       in another terminal:");
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

    private Run demo(int seconds) throws IOException, InterruptedException {
        List<Integer> ports = freePorts(6);
        Path out = Files.createTempFile(data.getParent(), "demo", ".out");
        Process p = new ProcessBuilder(ROOT.resolve("stophack").toString(), "demo", "--fast", "--data", data.toString(),
                "--duration", String.valueOf(seconds), "--train-after", "3600",
                "--kafka-port", ports.get(0).toString(), "--s3-port", ports.get(1).toString(),
                "--http-port", ports.get(2).toString(),
                "--metrics-ports", ports.get(3) + "," + ports.get(4) + "," + ports.get(5), "--spark-ui-port", "0")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return new Run(p.isAlive() ? -1 : p.exitValue(), Files.readString(out));
    }

    /**
     * {@code stophack query} as a user runs it after the demo: through the S3 endpoint over the
     * demo's folder (the parquet sinks' logs name their files by s3a:// URI, so a copy of the
     * folder is not a table).
     */
    private Map<String, Long> query(String sql) throws IOException, InterruptedException {
        int port = freePorts(1).get(0);
        Process s3 = new ProcessBuilder(ROOT.resolve("stophack").toString(), "s3", "--port", String.valueOf(port),
                "--data", data.resolve("s3").toString())
                .redirectErrorStream(true).redirectOutput(Files.createTempFile(data.getParent(), "s3", ".out").toFile()).start();
        try {
            awaitPort(s3, port);
            Path out = Files.createTempFile(data.getParent(), "query", ".csv");
            Path err = Files.createTempFile(data.getParent(), "query", ".err");
            ProcessBuilder query = new ProcessBuilder(ROOT.resolve("stophack").toString(), "query", "--format", "csv", sql)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            query.environment().put("STOPHACK_S3_ENDPOINT", "http://127.0.0.1:" + port);
            query.environment().put("AWS_ACCESS_KEY_ID", "stophack");
            query.environment().put("AWS_SECRET_ACCESS_KEY", "stophack-secret");
            query.environment().remove("AWS_SESSION_TOKEN");
            Process p = query.start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String[] names = lines.get(0).split(",");
            String[] values = lines.get(1).split(",");
            Map<String, Long> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], Long.parseLong(values[i]));
            }
            return row;
        } finally {
            s3.destroy();
            s3.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until {@code process} listens on {@code port}; fails if it exits first. */
    private static void awaitPort(Process process, int port) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            assertThat(System.nanoTime()).as("the S3 endpoint listens within 3 minutes").isLessThan(giveUp);
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                assertThat(process.isAlive()).as("the S3 endpoint exited before it listened").isTrue();
                Thread.sleep(200);
            }
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
