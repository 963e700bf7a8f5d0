package dev.stophack.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** A part whose supervisor was killed (SIGKILL) stops by itself. */
class ParentWatchTest {

    /** A part that would run for ever: it waits. */
    @Command(name = "waiter")
    public static final class Waiter implements java.util.concurrent.Callable<Integer> {
        public static void main(String[] args) {
            System.exit(CommandMain.run(new Waiter(), args));
        }

        @Override
        public Integer call() throws InterruptedException {
            System.out.println("waiting");
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            return 0;
        }
    }

    @Test
    void aPartStopsOnceTheProcessThatStartedItIsKilled(@TempDir Path dir) throws Exception {
        Process supervisor = new ProcessBuilder("sleep", "600").start(); // stands for the demo's JVM
        Process part = startPart(dir, String.valueOf(supervisor.pid()));
        try {
            awaitLine(dir.resolve("part.log"), "waiting");
            assertThat(part.isAlive()).isTrue();

            supervisor.destroyForcibly(); // SIGKILL

            assertThat(part.waitFor(30, TimeUnit.SECONDS)).as("the part exited after its supervisor was killed").isTrue();
            assertThat(Files.readString(dir.resolve("part.log")))
                    .contains("waiter: the process that started it (pid " + supervisor.pid() + ") is gone: stopping");
        } finally {
            part.destroyForcibly();
            supervisor.destroyForcibly();
        }
    }

    @Test
    void aPartStartedByAPersonIsLeftAlone(@TempDir Path dir) throws Exception {
        Process part = startPart(dir, null);
        try {
            awaitLine(dir.resolve("part.log"), "waiting");
            assertThat(part.waitFor(3, TimeUnit.SECONDS)).isFalse();
        } finally {
            part.destroyForcibly();
        }
    }

    @Test
    void aStrayValueIsNoPid() {
        assertThat(ParentWatch.parse("12x")).isEmpty();
        assertThat(ParentWatch.parse("-4")).isEmpty();
        assertThat(ParentWatch.parse(" 42 ")).contains(42L);
    }

    private static Process startPart(Path dir, String parentPid) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Waiter.class.getName())).redirectErrorStream(true).redirectOutput(dir.resolve("part.log").toFile());
        builder.environment().remove(ParentWatch.PARENT_PID);
        if (parentPid != null) {
            builder.environment().put(ParentWatch.PARENT_PID, parentPid);
        }
        return builder.start();
    }

    private static void awaitLine(Path log, String line) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        File file = log.toFile();
        while (System.nanoTime() < until) {
            if (file.exists() && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + line + "' in " + log + ": " + (file.exists() ? Files.readString(log) : "(none)"));
    }
}
