package dev.stophack.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts each part as a child process through the {@code stophack} launcher, prefixes its
 * output with its name, waits until it is ready, and stops everything in reverse order on
 * Ctrl-C, on the end of the run, or when a service dies.
 */
public final class Supervisor implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path launcher;
    private final Path logs;
    private final PrintStream out;
    private final Map<String, String> environment;
    private final List<Running> running = new ArrayList<>();
    private volatile boolean stopping;

    private record Running(Part part, Process process) {
    }

    /** {@code environment}: variables set (or, with a null value, removed) for every part. */
    public Supervisor(Path launcher, Path logs, PrintStream out, Map<String, String> environment) {
        this.launcher = launcher;
        this.logs = logs;
        this.out = out;
        this.environment = environment;
    }

    /** Runs a job to its end; a non-zero exit is an error naming the part. */
    public void runJob(Part part) throws IOException, InterruptedException {
        Process p = start(part);
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException(part.name() + " failed with exit code " + code + " (see " + logFile(part) + ")");
        }
    }

    /** Starts a service and waits until its port answers. */
    public void startService(Part part) throws IOException, InterruptedException {
        Process p = start(part);
        running.add(new Running(part, p));
        if (part.readyPort() > 0) {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!accepts(part.readyPort())) {
                if (!p.isAlive()) {
                    throw new IOException(part.name() + " exited with code " + p.exitValue() + " before it was ready"
                            + " (see " + logFile(part) + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(part.name() + " is not listening on 127.0.0.1:" + part.readyPort()
                            + " after " + READY_TIMEOUT.toMinutes() + " minutes");
                }
                Thread.sleep(200);
            }
        }
        out.println("demo: " + part.name() + " is up" + (part.readyPort() > 0 ? " on 127.0.0.1:" + part.readyPort() : ""));
    }

    /** Blocks until a service dies or {@code duration} passes (null: until interrupted). */
    public String awaitFirstExit(Duration duration) throws InterruptedException {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            for (Running r : running) {
                if (!r.process().isAlive()) {
                    return r.part().name() + " exited with code " + r.process().exitValue();
                }
            }
            Thread.sleep(500);
        }
        return null;
    }

    private Process start(Part part) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(part.args());
        out.println("demo: starting " + part.name() + ": stophack " + String.join(" ", part.args()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process p = builder.start();
        Thread pump = new Thread(() -> pump(part, p), "log-" + part.name());
        pump.setDaemon(true);
        pump.start();
        return p;
    }

    /** Copies a child's output to the console, each line prefixed with its name, and to its log file. */
    private void pump(Part part, Process p) {
        String prefix = String.format("%-16s| ", part.name());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintStream log = new PrintStream(Files.newOutputStream(logFile(part)), true, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(prefix + line);
                log.println(line);
            }
        } catch (IOException e) {
            if (!stopping && p.isAlive()) { // a closed stream while stopping is the normal end
                out.println(prefix + "(output lost: " + e.getMessage() + ")");
            }
        }
    }

    private Path logFile(Part part) {
        return logs.resolve(part.name() + ".log");
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the services in reverse start order: SIGTERM, a grace period, then SIGKILL. */
    @Override
    public void close() {
        stopping = true;
        for (int i = running.size() - 1; i >= 0; i--) {
            Running r = running.get(i);
            if (!r.process().isAlive()) {
                continue;
            }
            out.println("demo: stopping " + r.part().name());
            r.process().destroy();
            try {
                if (!r.process().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    r.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                r.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
