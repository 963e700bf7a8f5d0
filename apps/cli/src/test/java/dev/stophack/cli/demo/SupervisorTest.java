package dev.stophack.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real child processes: a small launcher script stands in for ./stophack. */
class SupervisorTest {
    @TempDir
    Path dir;

    /** A launcher whose "parts" are shell commands: "lines N CODE" prints N lines and exits, "wait" sleeps. */
    private Path launcher() throws Exception {
        Path script = dir.resolve("launcher");
        Files.writeString(script, """
                #!/bin/sh
                case "$1" in
                  lines) i=1; while [ $i -le "$2" ]; do echo "line $i"; i=$((i+1)); done; exit "$3" ;;
                  wait) echo "waiting"; exec sleep 60 ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Supervisor supervisor(ByteArrayOutputStream console, boolean verbose) throws Exception {
        return new Supervisor(launcher(), dir.resolve("logs"), new PrintStream(console, true, StandardCharsets.UTF_8),
                Map.of(), verbose);
    }

    @Test
    void aDeadServiceIsToldWithTheTailOfItsLogOnly() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Supervisor s = supervisor(console, false)) {
            Part part = Part.service("crasher", 0, "lines", "40", "3");
            s.startService(part);
            String dead = null;
            while (dead == null) {
                dead = s.deadService();
                Thread.sleep(50);
            }
            assertThat(dead).startsWith("crasher exited with code 3; the end of ").contains("  | line 40", "  | line 26")
                    .doesNotContain("line 25\n");
            assertThat(dead.lines()).hasSize(1 + Supervisor.TAIL_LINES);
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).as("not verbose: the part's lines stay in its log")
                .doesNotContain("line 1");
        assertThat(Files.readString(dir.resolve("logs/crasher.log"))).contains("line 1\n", "line 40\n");
    }

    @Test
    void servicesStoppedByCloseAreNotReportedAsDead() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor s = supervisor(console, true);
        s.startService(Part.service("waiter", 0, "wait"));
        assertThat(s.deadService()).isNull();
        s.close();
        assertThat(s.deadService()).as("Ctrl-C stops the parts; none died").isNull();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("demo: stopping waiter");
    }

    /**
     * A terminal's Ctrl-C goes to its foreground process group: a part in the demo's group would
     * die of it while the demo stops the parts in order. Each part leads a group of its own.
     */
    @Test
    void aPartIsInAProcessGroupOfItsOwnSoCtrlCReachesOnlyTheDemo() throws Exception {
        try (Supervisor s = supervisor(new ByteArrayOutputStream(), false)) {
            s.startService(Part.service("waiter", 0, "wait"));
            Path log = dir.resolve("logs/waiter.log");
            while (!Files.exists(log) || !Files.readString(log).contains("waiting")) { // its script runs: past setsid
                Thread.sleep(50);
            }
            ProcessHandle child = ProcessHandle.current().children().findFirst().orElseThrow();
            assertThat(processGroup(child.pid())).as("the part leads its own group").isEqualTo(child.pid())
                    .isNotEqualTo(processGroup(ProcessHandle.current().pid()));
        }
    }

    /** The process group of {@code pid}: the fifth field of /proc/PID/stat (after the name in parentheses). */
    private static long processGroup(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[2]);
    }

    @Test
    void stoppingACommandStopsItsBackgroundJobsToo() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Supervisor s = supervisor(console, false)) {
            s.startBackground(Part.job("replay", "wait"));
            s.startService(Part.service("other", 0, "wait"));
            assertThat(s.jobRunning()).isTrue();
            s.stop("wait");
            assertThat(s.jobRunning()).as("the drain stops the web log's replay with the producers").isFalse();
            assertThat(s.finishedJob()).as("a job stopped on purpose is not reported as ended").isNull();
            assertThat(s.deadService()).isNull();
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("demo: stopping replay", "demo: stopping other");
    }

    @Test
    void aFailedJobNamesItsExitCodeAndLogTail() throws Exception {
        try (Supervisor s = supervisor(new ByteArrayOutputStream(), false)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.runJob(Part.job("job", "lines", "2", "1")))
                    .hasMessageContaining("job exited with code 1").hasMessageContaining("  | line 2");
        }
    }
}
