package dev.stophack.faults.parts;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code stophack kafka} or {@code stophack s3} on a fixed port and data folder: killed, it can
 * start again where it was, as on the laptop.
 */
public final class Service {
    private static final Duration READY = Duration.ofMinutes(3);

    private final Launcher launcher;
    private final String command;
    private final int port;
    private final Path data;
    private final Path log;
    private final Map<String, String> env;
    private final String readyLine;
    private Child child;
    private long readyBefore;

    Service(Launcher launcher, String command, Path data, Path log, Map<String, String> env, String readyLine)
            throws IOException {
        this.launcher = launcher;
        this.command = command;
        this.port = freePort();
        this.data = data;
        this.log = log;
        this.env = env;
        this.readyLine = readyLine;
    }

    public int port() {
        return port;
    }

    /** Starts it and waits until it says it is ready. */
    public Service start() throws IOException, InterruptedException {
        return launch().awaitReady();
    }

    /** Starts it without waiting: parts that do not need each other start side by side. */
    public Service launch() throws IOException {
        if (child != null && child.alive()) {
            throw new IllegalStateException(command + " is already running");
        }
        readyBefore = Child.linesIn(log, readyLine); // earlier runs wrote to the same log
        child = Child.start(launcher, command, log, env, command,
                List.of("--port", String.valueOf(port), "--data", data.toString()));
        return this;
    }

    /** Waits until the process {@link #launch} started says it is ready. */
    public Service awaitReady() throws InterruptedException {
        child.awaitLines(readyLine, readyBefore + 1, READY);
        return this;
    }

    /** SIGKILL. */
    public void kill() throws InterruptedException {
        if (child != null) {
            child.kill();
            child = null;
        }
    }

    public void stop() throws InterruptedException {
        if (child != null) {
            child.stop(Duration.ofSeconds(15));
            child = null;
        }
    }

    /** A port nobody listens on now: the kernel's choice, on loopback. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
