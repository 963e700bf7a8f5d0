package dev.stophack.producer.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.console.CommandMain;
import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import dev.stophack.testkit.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code stophack produce weblog} on a real broker: every line, as written, keyed by its host, in order. */
class ProduceWeblogOnKafkaTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    @TempDir
    Path tmp;

    static int produce(ByteArrayOutputStream err, Object... args) {
        List<String> all = new ArrayList<>(List.of(WeblogProduceCommand.KIND));
        for (Object a : args) {
            all.add(a.toString());
        }
        all.addAll(List.of("--bootstrap", services.bootstrapServers(), "--http-port", "0"));
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return CommandMain.run(new WeblogProduceCommand(), all.subList(1, all.size()).toArray(String[]::new));
        } finally {
            System.setErr(old);
        }
    }

    static String topic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        }
        return name;
    }

    /** Every record of {@code topic}, per partition in offset order: key and value as bytes. */
    static Map<Integer, List<byte[][]>> read(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<Integer, List<byte[][]>> out = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(new byte[][] {r.key(), r.value()});
                }
            }
        }
        return out;
    }

    @Test
    void aGzippedLogArrivesLineForLineKeyedByHostInTheFilesOrder() throws Exception {
        WeblogGenerator.Summary log = new WeblogGenerator(new WeblogGenerator.Options(3_000, Duration.ofMinutes(30),
                Instant.parse("2024-05-18T10:00:00Z"), LineFormat.COMBINED, 0, 0.003, 4)).writeAll(tmp, false);
        byte[] plain = Files.readAllBytes(log.log());
        Path gz = tmp.resolve("access.log.1");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(plain);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII)); // blank lines are no requests
        }
        String topic = topic("weblog-gz");
        assertThat(produce(new ByteArrayOutputStream(), "--log", gz, "--topic", topic, "--rate", 50_000)).isZero();

        List<String> lines = Files.readAllLines(log.log());
        Map<Integer, List<byte[][]>> records = read(topic);
        assertThat(records.values().stream().mapToInt(List::size).sum()).isEqualTo(lines.size());
        Map<String, List<String>> sentPerHost = new LinkedHashMap<>();
        for (List<byte[][]> partition : records.values()) {
            for (byte[][] r : partition) {
                String value = new String(r[1], StandardCharsets.UTF_8);
                String host = value.substring(0, value.indexOf(' '));
                assertThat(new String(r[0], StandardCharsets.UTF_8)).isEqualTo(host);
                sentPerHost.computeIfAbsent(host, h -> new ArrayList<>()).add(value);
            }
        }
        Map<String, List<String>> filePerHost = new LinkedHashMap<>();
        for (String l : lines) {
            filePerHost.computeIfAbsent(l.substring(0, l.indexOf(' ')), h -> new ArrayList<>()).add(l);
        }
        assertThat(sentPerHost).as("each host's lines, as written, in the file's order").isEqualTo(filePerHost);
    }

    @Test
    void atTheLogsOwnPaceCompressedAndNoFurtherThanAskedFor() throws Exception {
        Path file = tmp.resolve("paced.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("10.0.0." + (i % 3) + " - - " + LineFormat.COMMON.time(1_716_026_400L + i) + " \"GET /" + i + " HTTP/1.1\" 200 5");
        }
        Files.write(file, lines);
        String topic = topic("weblog-paced");
        // 50 seconds of log at x100: half a second, whatever the machine
        assertThat(produce(new ByteArrayOutputStream(), "--log", file, "--topic", topic, "--speed", 100, "--lines", 40)).isZero();
        assertThat(read(topic).values().stream().mapToInt(List::size).sum()).isEqualTo(40);
    }

    /** In a pod an exit is restarted and would send the log again: with --wait-at-end it stays up, still answering. */
    @Test
    void waitsAtTheEndWhenAskedServingHealthAndMetrics() throws Exception {
        Path file = tmp.resolve("short.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("10.0.0." + (i % 4) + " - - " + LineFormat.COMMON.time(1_716_026_400L + i) + " \"GET /" + i + " HTTP/1.1\" 200 5");
        }
        Files.write(file, lines);
        String topic = topic("weblog-wait");
        int port = dev.stophack.embedded.FreePort.pick();
        int[] code = {-1};
        Thread run = new Thread(() -> code[0] = CommandMain.run(new WeblogProduceCommand(), "--log", file.toString(),
                "--topic", topic, "--rate", "10000", "--wait-at-end", "--bootstrap", services.bootstrapServers(),
                "--http-port", String.valueOf(port)));
        run.start();
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        String metrics = "";
        while (!metrics.contains("stophack_producer_log_replayed{kind=\"weblog\"} 1") && run.isAlive()) {
            try {
                metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
            } catch (java.net.ConnectException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        assertThat(metrics).contains("stophack_producer_log_replayed{kind=\"weblog\"} 1",
                "stophack_producer_events_sent_total{kind=\"weblog\"} 30.0");
        // the replay is over, yet the command still runs and answers until it is stopped
        assertThat(run.isAlive()).isTrue();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(read(topic).values().stream().mapToInt(List::size).sum()).isEqualTo(30);
        run.interrupt();
        run.join();
        assertThat(code[0]).isNotEqualTo(-1);
    }

    @Test
    void whatCannotBeReadIsOneLineAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(produce(err, "--log", tmp.resolve("missing.log"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--log").contains("no such file").hasLineCount(1);
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(produce(err2, "--log", "ftp://x/y")).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("--log ftp://x/y: unknown scheme");
        ByteArrayOutputStream err3 = new ByteArrayOutputStream();
        assertThat(produce(err3, "--log", tmp, "--speed", 2, "--rate", 5)).isEqualTo(2);
        assertThat(err3.toString(StandardCharsets.UTF_8)).contains("mutually exclusive");
    }
}
