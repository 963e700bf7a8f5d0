package dev.stophack.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.CommandMain;
import dev.stophack.embedded.FreePort;
import dev.stophack.producer.TopicContents.Event;
import dev.stophack.producer.schedule.Batch;
import dev.stophack.producer.schedule.Cycle;
import dev.stophack.producer.schedule.ScheduleSettings;
import dev.stophack.producer.source.StreamData;
import dev.stophack.testkit.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The producer's schedule as it arrives on a real broker, and its CSV from a real S3 endpoint. */
class ProduceOnKafkaTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().s3().build();

    @TempDir
    Path tmp;

    private static String topic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        }
        return name;
    }

    private static int produce(Object... args) {
        List<String> all = new ArrayList<>();
        for (Object a : args) {
            all.add(a.toString());
        }
        all.addAll(List.of("--bootstrap", services.bootstrapServers()));
        return CommandMain.run(new ProduceCommand(), all.toArray(String[]::new));
    }

    private static Map<Long, List<Event>> byCycle(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(Event::cycle, TreeMap::new, Collectors.toList()));
    }

    @Test
    void processCyclesFollowThePlanInSequenceOrderAndWrap() throws Exception {
        String topic = topic("process-schedule");
        Path csv = StreamCsv.write(tmp.resolve("p.csv"), EventKind.PROCESS, List.of("4", "5", "6"), 30);
        long before = System.currentTimeMillis() / 1000;
        int code = produce("process", "--csv", csv, "--topic", topic, "--interval", "250ms", "--cycles", 5, "--seed", 11,
                "--http-port", 0);
        long after = System.currentTimeMillis() / 1000;
        assertThat(code).isZero();

        StreamData data = Plans.load(csv, EventKind.PROCESS);
        List<Cycle> plan = Plans.cycles(data, ScheduleSettings.of(EventKind.PROCESS), 11, 5);
        List<Event> events = TopicContents.readAll(services.bootstrapServers(), topic);
        assertThat(events).hasSize(plan.stream().mapToInt(Cycle::sent).sum());

        // per cycle, per machine: the planned count, within 10..50, all stamped with the cycle's time
        Map<Long, List<Event>> cycles = byCycle(events);
        assertThat(cycles).containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
        long previousTs = 0;
        for (Cycle planned : plan) {
            List<Event> got = cycles.get(planned.number());
            for (Batch b : planned.batches()) {
                long count = got.stream().filter(e -> e.machine().equals(b.machine())).count();
                assertThat(count).as("cycle %d machine %s", planned.number(), b.machine())
                        .isEqualTo(b.rows().size()).isBetween(10L, 50L);
            }
            assertThat(got).extracting(Event::ts).as("one time per cycle").containsOnly(got.get(0).ts());
            assertThat(got.get(0).ts()).isBetween(before, after).isGreaterThanOrEqualTo(previousTs);
            previousTs = got.get(0).ts();
        }

        // per machine, in the order sent: the CSV's rows in sequence order, wrapping after the 30th,
        // each one the contract's JSON of its row
        for (var e : TopicContents.byMachine(events).entrySet()) {
            assertThat(e.getValue()).as("machine %s wrapped", e.getKey()).hasSizeGreaterThan(30);
            Iterator<String[]> rows = Plans.rowsOf(data, e.getKey());
            for (Event event : e.getValue()) {
                Plans.assertEventOf(event.value(), EventKind.PROCESS, data, rows.next(), event.ts());
            }
        }
    }

    @Test
    void memoryRowsHeldBackArriveOneCycleLaterWithTheirOriginalTime() throws Exception {
        String topic = topic("memory-late");
        Path csv = StreamCsv.write(tmp.resolve("m.csv"), EventKind.MEMORY, List.of("4", "5", "6", "7"), 200);
        int code = produce("memory", "--csv", csv, "--topic", topic, "--interval", "1s", "--cycles", 4, "--seed", 3,
                "--http-port", 0);
        assertThat(code).isZero();

        StreamData data = Plans.load(csv, EventKind.MEMORY);
        List<Cycle> plan = Plans.cycles(data, ScheduleSettings.of(EventKind.MEMORY), 3, 4);
        List<Event> events = TopicContents.readAll(services.bootstrapServers(), topic);
        assertThat(events).hasSize(plan.stream().mapToInt(Cycle::sent).sum());
        Map<Long, List<Event>> cycles = byCycle(events);
        assertThat(cycles).containsOnlyKeys(1L, 2L, 3L, 4L);

        // each cycle's own time: the time of its fresh rows; cycles are a second apart, so times differ
        Map<Long, Long> ts = new TreeMap<>();
        for (Cycle planned : plan) {
            ts.put(planned.number(), cycles.get(planned.number()).stream().mapToLong(Event::ts).max().orElseThrow());
        }
        assertThat(new ArrayList<>(ts.values())).doesNotHaveDuplicates().isSorted();

        int lateRows = 0;
        for (Cycle planned : plan) {
            long c = planned.number();
            for (Batch b : planned.batches()) {
                List<Event> got = cycles.get(c).stream().filter(e -> e.machine().equals(b.machine())).toList();
                List<Event> late = got.stream().filter(e -> e.ts() != ts.get(c)).toList();
                List<Event> fresh = got.stream().filter(e -> e.ts() == ts.get(c)).toList();
                assertThat(fresh).hasSize(b.rows().size()).hasSizeBetween(20, 80);
                assertThat(late).as("cycle %d machine %s", c, b.machine()).hasSize(b.late().size()).hasSizeBetween(0, 5);
                // late rows carry the previous cycle's time and leave before this cycle's rows
                late.forEach(e -> assertThat(e.ts()).isEqualTo(ts.get(c - 1)));
                assertThat(got.subList(0, late.size())).isEqualTo(late);
                assertThat(late).extracting(Event::sequence).containsExactlyElementsOf(
                        b.late().stream().map(i -> Long.parseLong(b.source().row(i)[data.header().indexOf("sequence")])).toList());
                lateRows += late.size();
            }
        }
        assertThat(lateRows).as("seed 3 holds rows back").isPositive();
        assertThat(plan.get(3).held()).as("the last cycle holds nothing back").isZero();

        for (var e : TopicContents.byMachine(events).entrySet()) {
            Iterator<String[]> rows = Plans.rowsOf(data, e.getKey());
            for (Event event : e.getValue()) {
                Plans.assertEventOf(event.value(), EventKind.MEMORY, data, rows.next(), event.ts());
            }
        }
    }

    @Test
    void servesMetricsAndHealthWhileRunning() throws Exception {
        String topic = topic("process-metrics");
        Path csv = StreamCsv.write(tmp.resolve("p.csv"), EventKind.PROCESS, List.of("4", "5"), 100);
        int port = FreePort.pick();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> produce("process", "--csv", csv,
                "--topic", topic, "--interval", "200ms", "--cycles", 15, "--http-port", port));
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);

        long sent = 0;
        String metrics = "";
        while (sent == 0 && !run.isDone()) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).isEqualTo("ok\n");
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
                metrics = response.body();
                sent = (long) value(metrics, "stophack_producer_events_sent_total");
            } catch (java.net.ConnectException notYet) {
                // the CSV is still loading
            }
            Thread.sleep(100);
        }
        assertThat(run.get()).isZero();
        assertThat(sent).isPositive();
        assertThat(metrics).contains(
                "stophack_producer_send_errors_total{kind=\"process\"} 0",
                "stophack_producer_late_rows_held{kind=\"process\"} 0",
                "stophack_producer_cycle_lag_seconds{kind=\"process\"}",
                "stophack_producer_cycles_total{kind=\"process\"}",
                "stophack_producer_rows_skipped_total{kind=\"process\",reason=\"field_count\"} 0");
        assertThat(sent).isLessThanOrEqualTo(TopicContents.readAll(services.bootstrapServers(), topic).size());
    }

    @Test
    void readsTheCsvFromS3AndSkipsBadRows() throws Exception {
        String topic = topic("process-s3");
        String good = StreamCsv.text(EventKind.PROCESS, List.of("4", "5"), 60, 2);
        String badSequence = java.util.Arrays.stream(good.substring(0, good.indexOf('\n')).split(","))
                .map(column -> column.equals("sequence") ? "x" : column.equals("machine") ? "5" : "0")
                .collect(Collectors.joining(","));
        String text = good
                + "999,4,1\n"           // a broken line: skipped, counted, not fatal
                + badSequence + "\n";   // right width, but no sequence to order it by
        services.s3Client().putObject(b -> b.bucket(services.bucket()).key("streams/process.csv"),
                RequestBody.fromString(text, StandardCharsets.UTF_8));
        int code = produce("process", "--csv", "s3a://" + services.bucket() + "/streams/process.csv",
                "--s3-endpoint", services.s3Endpoint(), "--access-key", services.accessKey(), "--secret-key", services.secretKey(),
                "--topic", topic, "--interval", "100ms", "--cycles", 2, "--seed", 5, "--http-port", 0);
        assertThat(code).isZero();

        Path local = Files.writeString(tmp.resolve("same.csv"), text);
        StreamData data = Plans.load(local, EventKind.PROCESS);
        assertThat(data.skippedRows()).isEqualTo(2);
        List<Cycle> plan = Plans.cycles(data, ScheduleSettings.of(EventKind.PROCESS), 5, 2);
        List<Event> events = TopicContents.readAll(services.bootstrapServers(), topic);
        assertThat(events).hasSize(plan.get(0).sent() + plan.get(1).sent());
        assertThat(events).extracting(Event::sequence).doesNotContain(999L);
        for (var e : TopicContents.byMachine(events).entrySet()) {
            Iterator<String[]> rows = Plans.rowsOf(data, e.getKey());
            for (Event event : e.getValue()) {
                Plans.assertEventOf(event.value(), EventKind.PROCESS, data, rows.next(), event.ts());
            }
        }
    }

    @Test
    void aMissingS3ObjectIsOneLineAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = produce("memory", "--csv", "s3a://" + services.bucket() + "/streams/nothing.csv",
                    "--s3-endpoint", services.s3Endpoint(), "--access-key", services.accessKey(),
                    "--secret-key", services.secretKey(), "--http-port", 0);
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("stophack produce: s3a://" + services.bucket()
                + "/streams/nothing.csv: no such object in bucket '" + services.bucket() + "' at " + services.s3Endpoint()
                + System.lineSeparator());
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
