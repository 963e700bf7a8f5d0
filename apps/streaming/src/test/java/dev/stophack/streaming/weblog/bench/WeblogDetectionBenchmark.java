package dev.stophack.streaming.weblog.bench;

import dev.stophack.generate.weblog.Incident;
import dev.stophack.generate.weblog.IncidentType;
import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.streaming.weblog.WeblogSettings;
import dev.stophack.streaming.weblog.support.IncidentMatch;
import dev.stophack.streaming.weblog.support.Outputs;
import dev.stophack.streaming.weblog.support.WeblogLines;
import dev.stophack.streaming.weblog.support.WeblogRun;
import dev.stophack.streaming.weblog.support.WeblogTopic;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How well the web detectors find the generator's incidents, with their default settings (prints
 * figures, asserts nothing): several generated logs, each through {@code stophack stream
 * --weblog-only --once} on a fresh broker and S3, then a line an hour later so that every window
 * is final. Per incident type: recall (incidents found by an alert of their own kind),
 * precision (alerts of that kind that belong to an incident), and the time from an incident's
 * start to its first such alert, in the log's time (see {@link IncidentMatch}).
 */
public class WeblogDetectionBenchmark {
    static final int LOGS = Integer.getInteger("weblog.detection.logs", 4);
    static final long LINES = Long.getLong("weblog.detection.lines", 300_000);
    static final Duration SPAN = Duration.ofHours(6);

    public static void main(String[] args) throws Exception {
        new WeblogDetectionBenchmark().detection();
    }

    @Test
    void detection() throws Exception {
        IncidentMatch match = new IncidentMatch(Duration.ofMinutes(1));
        List<IncidentMatch.Finding> findings = new ArrayList<>();
        Map<IncidentType, long[]> totals = new EnumMap<>(IncidentType.class);
        List<String> falsePositives = new ArrayList<>();
        for (int i = 0; i < LOGS; i++) {
            Path dir = Files.createTempDirectory("weblog-detection-");
            Instant start = Instant.parse("2024-05-18T00:00:00Z").plus(SPAN.multipliedBy(i));
            WeblogGenerator.Summary log = new WeblogGenerator(new WeblogGenerator.Options(LINES, SPAN, start,
                    i % 2 == 0 ? LineFormat.SEED : LineFormat.COMBINED, 3, 0.00002, 100 + i)).writeAll(dir, false);
            try (TestServices services = TestServices.builder().kafka().s3().start()) {
                StreamRig rig = new StreamRig(services);
                WeblogTopic.produce(services, log.log());
                long end = start.plus(SPAN).getEpochSecond();
                WeblogTopic.produce(services, List.of(WeblogLines.line("10.255.0.1", end + 3600 - WeblogLines.T0, "/", 200)));
                long t0 = System.nanoTime();
                WeblogRun.once(rig, "detection", WeblogSettings.defaults(WeblogSettings.Mode.ONLY));
                List<IncidentMatch.Output> outputs = Outputs.read(rig, "");
                List<Incident> incidents = log.incidents();
                findings.addAll(match.findings(outputs, incidents));
                match.perType(outputs, incidents).forEach((t, row) -> {
                    long[] sum = totals.computeIfAbsent(t, k -> new long[4]);
                    for (int k = 0; k < 4; k++) {
                        sum[k] += row[k];
                    }
                });
                int number = i + 1;
                match.falsePositives(outputs, incidents).forEach(o -> falsePositives.add("log " + number + ": " + o));
                System.out.printf("log %d: %,d lines, %d incidents, %d outputs, %.0f s%n", i + 1, log.lines(),
                        incidents.size(), outputs.size(), (System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.printf("%n%-14s %9s %7s %8s %14s %10s %s%n", "incident", "incidents", "found", "recall", "alerts (own)",
                "precision", "time to first alert, s: min / median / max");
        for (IncidentType t : IncidentType.values()) {
            long[] row = totals.getOrDefault(t, new long[4]);
            List<Long> delays = findings.stream().filter(f -> f.incident().type() == t && f.found())
                    .map(f -> f.timeToAlert().toSeconds()).sorted().toList();
            System.out.printf("%-14s %9d %7d %8s %14s %10s %s%n", t.id(), row[0], row[1],
                    row[0] == 0 ? "-" : String.format("%.2f", (double) row[1] / row[0]), row[2] + " of " + row[3],
                    row[3] == 0 ? "-" : String.format("%.2f", (double) row[2] / row[3]),
                    delays.isEmpty() ? "-" : delays.get(0) + " / " + delays.get(delays.size() / 2) + " / " + delays.get(delays.size() - 1));
        }
        System.out.println("(alerts of an incident's kind: blocklist decisions for abusive hosts, URL-busting alerts for"
                + " scans, every error surge for storms; a 404 or 4xx surge during a scan belongs to the scan)");
        findings.stream().filter(f -> !f.found()).forEach(f -> System.out.println("missed: " + f.incident()));
        falsePositives.forEach(fp -> System.out.println("false positive: " + fp));
    }
}
