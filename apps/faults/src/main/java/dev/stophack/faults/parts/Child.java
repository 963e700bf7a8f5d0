package dev.stophack.faults.parts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One part running as its own process, its output appended to a log file: what a scenario starts,
 * watches through its log and kills.
 */
public final class Child {
    /** Parts still running when this JVM ends (Ctrl-C, an error) are killed with it, never left behind. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "faults-children"));
    }

    private final String name;
    private final Path log;
    private final Process process;

    private Child(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code stophack COMMAND ARGS...}; {@code env} values of null remove a variable. */
    public static Child start(Launcher launcher, String name, Path log, Map<String, String> env, String command,
            List<String> args) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(launcher.command(command, args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(launcher.environment());
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process process = builder.start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return new Child(name, log, process);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush beyond what the operating system already has. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    /** Waits for the process to end on its own; its exit code, or an error naming the log when it does not end. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException(name + " did not finish within " + timeout.toMinutes() + " min (see " + log + ")");
        }
        return process.exitValue();
    }

    /** Lines of its log so far that contain {@code text}. */
    public long lines(String text) {
        return linesIn(log, text);
    }

    /** Lines of {@code log} so far that contain {@code text}; 0 when there is no such file yet. */
    static long linesIn(Path log, String text) {
        try {
            if (!Files.exists(log)) {
                return 0;
            }
            return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).lines().filter(l -> l.contains(text))
                    .count();
        } catch (IOException e) {
            return 0; // being written: read again on the next poll
        }
    }

    /** Waits until its log has {@code count} lines containing {@code text}; fails when it exits first. */
    public void awaitLines(String text, long count, Duration timeout) throws InterruptedException {
        until(timeout, name + " to log '" + text + "' " + count + " times", () -> lines(text) >= count);
    }

    /** Polls {@code condition} until true; fails when the process exits first or the time is up. */
    public void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while waiting for "
                        + what + " (see " + log + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + timeout.toSeconds() + " s (see " + log + ")");
            }
            Thread.sleep(200);
        }
    }
}
