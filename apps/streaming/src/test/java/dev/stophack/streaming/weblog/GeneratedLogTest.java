package dev.stophack.streaming.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.generate.weblog.Incident;
import dev.stophack.generate.weblog.IncidentType;
import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.streaming.weblog.support.IncidentMatch;
import dev.stophack.streaming.weblog.support.Outputs;
import dev.stophack.streaming.weblog.support.WeblogRun;
import dev.stophack.streaming.weblog.support.WeblogTopic;
import dev.stophack.testkit.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's logs through the web access-log queries with their default settings, on a real
 * broker and S3: half an hour of clean log raises no alert at all; then three quarters of an hour
 * with one incident of each type (which continue the same stream) raise alerts for every
 * incident and for nothing else.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedLogTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final Instant START = Instant.parse("2024-05-18T13:00:00Z");
    static final Duration CLEAN = Duration.ofMinutes(30);
    static final String RUN = "generated";
    static final WeblogSettings SETTINGS = WeblogSettings.defaults(WeblogSettings.Mode.ONLY);

    @TempDir
    static Path dir;
    static StreamRig rig;
    static long lines;
    static long malformed;

    @Test
    @Order(1)
    void aCleanLogRaisesNoAlert() throws Exception {
        rig = new StreamRig(SERVICES);
        WeblogGenerator.Summary clean = new WeblogGenerator(new WeblogGenerator.Options(45_000, CLEAN, START, LineFormat.SEED,
                0, 0.0002, 21)).writeAll(dir.resolve("clean"), false);
        produce(clean.log());
        WeblogRun.once(rig, RUN, SETTINGS);
        lines = clean.lines();
        malformed = clean.malformed();
        assertThat(rig.parquet(S3Layout.WEBLOG_EVENTS).count()).isEqualTo(lines - malformed);
        assertThat(rig.rows(S3Layout.WEBLOG_DEADLETTER)).hasSize((int) malformed);
        assertThat(rig.rows(S3Layout.RATELIMIT_ALERTS)).as("nobody above the rate limit").isEmpty();
        assertThat(rig.rows(S3Layout.ERRORSURGE_ALERTS)).as("no surge, no scan").isEmpty();
        assertThat(rig.readAll(Topics.BLOCKLIST, 10)).isEmpty();
    }

    @Test
    @Order(2)
    void everyIncidentIsAlertedAndNothingElse() throws Exception {
        WeblogGenerator.Summary log = new WeblogGenerator(new WeblogGenerator.Options(75_000, Duration.ofMinutes(45),
                START.plus(CLEAN), LineFormat.COMBINED, 1, 0.0002, 22)).writeAll(dir.resolve("incidents"), false);
        produce(log.log());
        WeblogRun.once(rig, RUN, SETTINGS);
        assertThat(rig.parquet(S3Layout.WEBLOG_EVENTS).count()).isEqualTo(lines - malformed + log.lines() - log.malformed());

        List<Incident> incidents = log.incidents();
        assertThat(incidents).extracting(Incident::type).containsExactlyInAnyOrder(IncidentType.values());
        List<IncidentMatch.Output> outputs = Outputs.read(rig, "");
        IncidentMatch match = new IncidentMatch(Duration.ofMinutes(1));
        String seen = IncidentMatch.describe(outputs, incidents, match);
        // the last minutes of the log are not final yet (no later line moved the watermark past them)
        assertThat(match.findings(outputs, incidents)).as(seen).allMatch(IncidentMatch.Finding::found);
        assertThat(match.falsePositives(outputs, incidents)).as(seen).isEmpty();
    }

    private static void produce(Path log) throws Exception {
        WeblogTopic.produce(SERVICES, log);
    }
}
