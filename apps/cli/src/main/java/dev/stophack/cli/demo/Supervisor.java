package dev.stophack.cli.demo;

import dev.stophack.console.ParentWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts each part as a child process through the {@code stophack} launcher, writes its output
 * to its log file (and, verbose, to the console prefixed with its name), waits until it is
 * ready, and stops everything in reverse order on Ctrl-C, on the end of the run, or when a
 * service dies. A part that dies is told with the tail of its log. Each part runs in a process
 * group of its own, so that Ctrl-C reaches the demo only ({@link OwnSession}).
 */
public final class Supervisor implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Lines of a dead part's log shown on the console: enough for the error, one screen at most. */
    static final int TAIL_LINES = 15;

    private final Path launcher;
    private final Path logs;
    private final PrintStream out;
    private final Map<String, String> environment;
    private final boolean verbose;
    private final List<Running> running = new ArrayList<>();
    private final List<Running> background = new ArrayList<>();
    private volatile boolean stopping;

    private record Running(Part part, Process process, Thread pump) {
        /** Waits until the output of a part that has exited is all in its log. */
        void drained() {
            try {
                pump.join(STOP_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code environment}: variables set (or, with a null value, removed) for every part;
     * {@code verbose}: the parts' own lines go to {@code out} too, not only to their log files.
     */
    public Supervisor(Path launcher, Path logs, PrintStream out, Map<String, String> environment, boolean verbose) {
        this.launcher = launcher;
        this.logs = logs;
        this.out = out;
        this.environment = environment;
        this.verbose = verbose;
    }

    /** Runs a job to its end; a non-zero exit is an error naming the part, with its log's tail. */
    public void runJob(Part part) throws IOException, InterruptedException {
        Running r = start(part);
        int code = r.process().waitFor();
        r.drained();
        if (code != 0) {
            throw new IOException(death(part, code));
        }
    }

    /** Starts a job that runs beside the services; {@link #finishedJob()} tells when it ends. */
    public void startBackground(Part part) throws IOException {
        background.add(start(part));
    }

    /** A background job that has ended since the last call: its part and exit code, or null. */
    public synchronized Map.Entry<Part, Integer> finishedJob() {
        for (Running r : background) {
            if (!r.process().isAlive()) {
                r.drained();
                background.remove(r);
                return Map.entry(r.part(), r.process().exitValue());
            }
        }
        return null;
    }

    /** Whether a background job runs now. */
    public synchronized boolean jobRunning() {
        return background.stream().anyMatch(r -> r.process().isAlive());
    }

    /** What to say when a part ended with {@code code}: one line, then the last lines of its log. */
    public String death(Part part, int code) {
        StringBuilder text = new StringBuilder(part.name() + " exited with code " + code + "; the end of "
                + logFile(part) + ":");
        for (String line : tail(part, TAIL_LINES)) {
            text.append(System.lineSeparator()).append("  | ").append(line);
        }
        return text.toString();
    }

    /** The last {@code n} lines of a part's log (its output pump may still be writing the very last). */
    List<String> tail(Part part, int n) {
        try {
            List<String> lines = Files.readAllLines(logFile(part), StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** Starts a service and waits until its port answers. */
    public void startService(Part part) throws IOException, InterruptedException {
        Running r = start(part);
        Process p = r.process();
        synchronized (this) {
            running.add(r);
        }
        if (part.readyPort() > 0) {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!accepts(part.readyPort())) {
                if (!p.isAlive()) {
                    r.drained();
                    throw new IOException("before it was ready, " + death(part, p.exitValue()));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(part.name() + " is not listening on 127.0.0.1:" + part.readyPort()
                            + " after " + READY_TIMEOUT.toMinutes() + " minutes");
                }
                Thread.sleep(200);
            }
        }
        if (verbose) {
            out.println("demo: " + part.name() + " is up" + (part.readyPort() > 0 ? " on 127.0.0.1:" + part.readyPort() : ""));
        }
    }

    /** A service that has died, told with its log's tail; null while all run. */
    public synchronized String deadService() {
        for (Running r : running) {
            if (!r.process().isAlive()) {
                r.drained();
                running.remove(r);
                return death(r.part(), r.process().exitValue());
            }
        }
        return null;
    }

    private synchronized Running start(Part part) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(part.args());
        if (verbose) {
            out.println("demo: starting " + part.name() + ": stophack " + String.join(" ", part.args()));
        }
        ProcessBuilder builder = new ProcessBuilder(OwnSession.wrap(command)).redirectErrorStream(true);
        // in a session of its own a part outlives a demo killed with SIGKILL, unless it watches it
        builder.environment().put(ParentWatch.PARENT_PID, ParentWatch.thisProcess());
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
        return new Running(part, p, pump);
    }

    /**
     * Copies a child's output to its log file (appended: a resumed demo keeps the earlier runs')
     * and, verbose, to the console with each line prefixed by its name.
     */
    private void pump(Part part, Process p) {
        String prefix = String.format("%-16s| ", part.name());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintStream log = new PrintStream(Files.newOutputStream(logFile(part), StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
            log.println("---- stophack " + String.join(" ", part.args()) + " (" + java.time.Instant.now() + ")");
            for (String line; (line = in.readLine()) != null; ) {
                if (verbose) {
                    out.println(prefix + line);
                }
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

    /**
     * Stops the services and background jobs whose command is {@code command} (SIGTERM, a grace
     * period, SIGKILL) and waits for them: the drain stops every producer, the web log's replay too.
     */
    public synchronized void stop(String command) {
        stopping = true;
        for (List<Running> parts : List.of(running, background)) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                Running r = parts.get(i);
                if (r.part().command().equals(command)) {
                    stop(r);
                    parts.remove(i);
                }
            }
        }
    }

    /** Stops background jobs, then the services in reverse start order: SIGTERM, a grace period, then SIGKILL. */
    @Override
    public synchronized void close() {
        stopping = true;
        background.forEach(this::stop);
        background.clear();
        for (int i = running.size() - 1; i >= 0; i--) {
            stop(running.get(i));
        }
        running.clear();
    }

    private void stop(Running r) {
        if (!r.process().isAlive()) {
            return;
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
}
