package dev.stophack.streaming.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.ChildJob;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.streaming.weblog.support.WeblogLines;
import dev.stophack.streaming.weblog.support.WeblogRun;
import dev.stophack.streaming.weblog.support.WeblogTopic;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runs the web access-log queries as its own process and is killed with SIGKILL after the
 * first half of a generated log; the second half arrives while it is down; restarted, it ends
 * with the alerts of an uninterrupted run over the same topic, each once in the parquet.
 */
class KillAndRestartWeblogTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final Duration WAIT = Duration.ofMinutes(4);
    static final Instant START = Instant.parse("2024-05-18T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aKilledJobLosesNoAlertAndDuplicatesNone() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        WeblogGenerator.Summary log = new WeblogGenerator(new WeblogGenerator.Options(50_000, Duration.ofMinutes(45), START,
                LineFormat.SEED, 1, 0, 31)).writeAll(dir, false);
        List<String> lines = Files.readAllLines(log.log());
        long half = START.plus(Duration.ofMinutes(25)).getEpochSecond();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (String l : lines) {
            (second.isEmpty() && !startsAtOrAfter(l, half) ? first : second).add(l);
        }
        // a line two hours on moves the watermark past every window
        second.add(WeblogLines.line("10.255.0.1", START.getEpochSecond() - WeblogLines.T0 + 7200, "/", 200));
        WeblogTopic.produce(SERVICES, first);

        Path out = Files.createDirectories(Path.of("target", "kill-weblog-test")).resolve("stream.log");
        String[] args = {"--weblog-only", "--trigger", "1s", "--max-offsets-per-trigger", "5000"};
        Process job = ChildJob.start(SERVICES, out, args);
        try {
            Await.until(WAIT, "part of the first half persisted", () -> rig.rows(S3Layout.WEBLOG_EVENTS).size() >= 10_000);
        } finally {
            job.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
            job.waitFor();
        }
        assertThat((long) rig.rows(S3Layout.WEBLOG_EVENTS).size()).as("killed in the middle").isLessThan(lines.size());
        WeblogTopic.produce(SERVICES, second);

        // the uninterrupted run over the same topic, in a place of its own
        WeblogRun.onceUnder(rig, "reference", WeblogSettings.defaults(WeblogSettings.Mode.ONLY));
        Set<String> decisions = keys(rig.rows("reference/" + S3Layout.RATELIMIT_ALERTS), true);
        Set<String> alerts = keys(rig.rows("reference/" + S3Layout.ERRORSURGE_ALERTS), false);
        assertThat(decisions).as("the abusive host was blocked").isNotEmpty();
        assertThat(alerts).as("the scan and the storm were alerted").isNotEmpty();

        Process again = ChildJob.start(SERVICES, out, args);
        try {
            Await.until(WAIT, "every line persisted and every alert of the uninterrupted run written after the restart",
                    () -> rig.rows(S3Layout.WEBLOG_EVENTS).size() == lines.size() + 1
                            && keys(rig.rows(S3Layout.RATELIMIT_ALERTS), true).containsAll(decisions)
                            && keys(rig.rows(S3Layout.ERRORSURGE_ALERTS), false).containsAll(alerts));
        } finally {
            again.destroyForcibly();
            again.waitFor();
        }
        List<Row> events = rig.rows(S3Layout.WEBLOG_EVENTS);
        assertThat(rig.parquet(S3Layout.WEBLOG_EVENTS).select("kafka_partition", "kafka_offset").distinct().count())
                .as("no line twice").isEqualTo(events.size());
        List<Row> ratelimit = rig.rows(S3Layout.RATELIMIT_ALERTS);
        List<Row> surge = rig.rows(S3Layout.ERRORSURGE_ALERTS);
        assertThat(keys(ratelimit, true)).as("the same decisions").isEqualTo(decisions).hasSize(ratelimit.size());
        assertThat(keys(surge, false)).as("the same alerts").isEqualTo(alerts).hasSize(surge.size());
        assertThat(Files.readString(out)).contains("weblog-ingest batch");
    }

    private static boolean startsAtOrAfter(String line, long epochSecond) {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long t = dev.stophack.accesslog.LogTime.ofLine(b, b.length);
        return t != dev.stophack.accesslog.LogTime.INVALID && t >= epochSecond;
    }

    /**
     * What identifies a decision or an alert whatever the batches were: a decision's count is its
     * window's by the end of the batch that decided it, so it is left out.
     */
    private static Set<String> keys(List<Row> rows, boolean decisions) {
        Set<String> keys = new TreeSet<>();
        for (Row r : rows) {
            keys.add(decisions
                    ? r.getAs("host") + "|" + r.getAs("window_start") + "|" + r.getAs("until") + "|" + r.getAs("decided_at")
                    : r.getAs("kind") + "|" + r.getAs("status") + "|" + r.getAs("host") + "|" + r.getAs("window_start") + "|"
                            + r.getAs("count") + "|" + r.getAs("total") + "|" + r.getAs("baseline") + "|" + r.getAs("decided_at"));
        }
        return keys;
    }
}
