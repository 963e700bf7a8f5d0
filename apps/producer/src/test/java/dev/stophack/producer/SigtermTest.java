package dev.stophack.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.producer.TopicContents.Event;
import dev.stophack.testkit.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The producer as its own process, stopped the way Kubernetes stops a pod. */
class SigtermTest {
    private static final Pattern CYCLE = Pattern.compile("cycle (\\d+) memory .* events=(\\d+) ");
    private static final Pattern HELD = Pattern.compile("stopping: sent the (\\d+) rows held back");

    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().build();

    @TempDir
    Path tmp;

    @Test
    void sigtermSendsWhatIsHeldFlushesAndExitsZero() throws Exception {
        String topic = "memory-sigterm";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Path csv = StreamCsv.write(tmp.resolve("m.csv"), EventKind.MEMORY, List.of("4", "5", "6"), 100);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process producer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, ProduceCommand.class.getName(), "memory", "--csv", csv.toString(),
                "--bootstrap", services.bootstrapServers(), "--topic", topic, "--interval", "300ms", "--late", "2..4",
                "--http-port", "0")
                .redirectErrorStream(true)
                .start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(producer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    log.add(line);
                }
            } catch (java.io.IOException e) {
                log.add("(read failed: " + e + ")");
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (log.stream().noneMatch(l -> l.contains("cycle 3 memory")) && producer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(producer.isAlive()).as("producer running; its log: %s", log).isTrue();
            // SIGTERM through the handle: Process.destroy() would also close the pipe we read the log from
            assertThat(producer.toHandle().destroy()).isTrue();
            assertThat(producer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (producer.isAlive()) {
                producer.destroyForcibly();
            }
        }
        reader.join(10_000);
        assertThat(producer.exitValue()).as("exit code; log: %s", log).isZero();

        long logged = 0;
        long held = -1;
        for (String line : log) {
            Matcher c = CYCLE.matcher(line);
            if (c.find()) {
                logged += Long.parseLong(c.group(2));
            }
            Matcher h = HELD.matcher(line);
            if (h.find()) {
                held = Long.parseLong(h.group(1));
            }
        }
        assertThat(held).as("held rows are sent at the stop, not dropped; log: %s", log).isBetween(6L, 12L);
        List<Event> events = TopicContents.readAll(services.bootstrapServers(), topic);
        assertThat(events).hasSize((int) (logged + held));
        assertThat(events.stream().collect(Collectors.groupingBy(e -> e.machine() + "/" + e.sequence() + "/" + e.cycle(),
                Collectors.counting())).values()).containsOnly(1L);
    }
}
