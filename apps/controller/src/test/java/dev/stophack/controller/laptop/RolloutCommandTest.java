package dev.stophack.controller.laptop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.controller.testing.MutableClock;
import dev.stophack.controller.testing.StoredModels;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.LocalBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code stophack rollout} over a model store in a directory: the laptop's controller and the commands for people. */
class RolloutCommandTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    String output;
    String errors;

    int run(String... args) {
        RolloutCommand command = new RolloutCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.clock = clock;
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--models";
        all[args.length + 1] = dir.toString();
        int code = dev.stophack.console.CommandMain.run(cli, all);
        output = out.toString(StandardCharsets.UTF_8);
        errors = err.toString();
        return code;
    }

    ModelStore store() {
        return new ModelStore(new LocalBlobStore(dir), clock);
    }

    @Test
    void watchPromotesGoodVersionsAndRejectsBadOnesOneStepARound() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.good(blobs, EventKind.PROCESS, 2);
        StoredModels.version(blobs, EventKind.PROCESS, 3, 0.6, 0.95, true);
        StoredModels.version(blobs, EventKind.MEMORY, 1, 0.9, 0.95, false);

        assertThat(run("watch", "--once", "--no-rates")).isZero();
        assertThat(output).contains("process promote v1", "memory reject v1", "failed the probe",
                "automatic rollback off: --no-rates");
        assertThat(run("watch", "--once", "--no-rates")).isZero();
        assertThat(output).contains("process promote v2");
        assertThat(run("watch", "--once", "--no-rates")).isZero();
        assertThat(output).contains("process reject v3", "F1 0.6000 is below");
        assertThat(run("watch", "--once", "--no-rates")).isZero();
        assertThat(output).doesNotContain(" promote ", " reject ");

        assertThat(store().active(EventKind.PROCESS).orElseThrow().version()).isEqualTo(2);
        assertThat(store().active(EventKind.MEMORY)).isEmpty();
        assertThat(store().history(EventKind.PROCESS)).extracting(h -> h.by).containsOnly("stophack rollout watch");

        assertThat(run("status")).isZero();
        assertThat(output).contains("process: active v2, shadow none, decision 3", "memory: active none")
                .containsPattern("v1\\s+Retired").containsPattern("v2\\s+Active").containsPattern("v3\\s+Rejected")
                .contains("40/40", "failed");
    }

    @Test
    void aShadowPeriodPromotesWhenTheTwoAgree() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.good(blobs, EventKind.PROCESS, 2);
        assertThat(run("watch", "--once", "--no-rates", "--shadow", "90s")).isZero();
        assertThat(output).contains("process promote v1");
        assertThat(run("watch", "--once", "--no-rates", "--shadow", "90s")).isZero();
        assertThat(output).contains("process start shadow v2");
        assertThat(store().candidate(EventKind.PROCESS).orElseThrow().version()).isEqualTo(2);

        // the streaming job's shadow lines: 1500 events scored by both, 30 apart
        for (int batch = 0; batch < 3; batch++) {
            store().putShadowStats(EventKind.PROCESS, 2, new ShadowStats(batch, 1, 500, 10, 50, 52, clock.instant()));
        }
        clock.advance(Duration.ofSeconds(60));
        assertThat(run("watch", "--once", "--no-rates", "--shadow", "90s")).isZero();
        assertThat(store().active(EventKind.PROCESS).orElseThrow().version()).as("the period is not over").isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(run("watch", "--once", "--no-rates", "--shadow", "90s")).isZero();
        assertThat(output).contains("process promote v2", "2.00% of 1500 events");
        assertThat(store().active(EventKind.PROCESS).orElseThrow().version()).isEqualTo(2);
        assertThat(store().candidate(EventKind.PROCESS)).isEmpty();
    }

    @Test
    void peoplePromoteThroughTheGateAndRollBack() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        StoredModels.good(blobs, EventKind.MEMORY, 1);
        StoredModels.version(blobs, EventKind.MEMORY, 2, 0.7, 0.95, true);
        StoredModels.good(blobs, EventKind.MEMORY, 3);
        assertThat(run("promote", "memory", "v1")).isZero();
        assertThat(run("promote", "memory", "2")).isEqualTo(2);
        assertThat(errors).contains("refused by the gate", "F1 0.7000", "--force");
        assertThat(run("promote", "memory", "2", "--force", "--reason", "testing the dashboard")).isZero();
        assertThat(output).contains("memory: v2 active", "forced past the gate");
        assertThat(run("promote", "memory", "3")).isZero();

        assertThat(run("rollback", "memory")).isZero();
        assertThat(output).contains("rolled back to v2 (was v3)");
        assertThat(run("rollback", "memory", "v1")).isZero();
        assertThat(store().active(EventKind.MEMORY).orElseThrow().version()).isEqualTo(1);
        assertThat(store().history(EventKind.MEMORY)).extracting(h -> h.action).containsExactly(
                HistoryEntry.Action.Promoted, HistoryEntry.Action.Promoted, HistoryEntry.Action.Promoted,
                HistoryEntry.Action.RolledBack, HistoryEntry.Action.RolledBack);
        assertThat(run("rollback", "memory", "9")).isEqualTo(2);
        assertThat(errors).contains("no usable memory v9");
        assertThat(run("rollback", "process")).isEqualTo(2);
        assertThat(errors).contains("no version to roll back to");
    }

    @Test
    void aPolicyFileIsReadAndATypoInItIsAnError() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "spec:\n  policy:\n    minF1: 0.95\n");
        StoredModels.good(new LocalBlobStore(dir), EventKind.PROCESS, 1);
        assertThat(run("watch", "--once", "--no-rates", "--policy", policy.toString())).isZero();
        assertThat(output).contains("process reject v1", "below the minimum 0.9500");
        Files.writeString(policy, "minF: 0.95\n");
        assertThat(run("watch", "--once", "--no-rates", "--policy", policy.toString())).isEqualTo(2);
        assertThat(errors).contains("not a rollout policy", "minF");
    }
}
