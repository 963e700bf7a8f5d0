package dev.stophack.streaming.support;

import dev.stophack.embedded.KafkaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code stophack kafka} as a separate process on a fixed port and data directory, as the laptop
 * runs it: something a test can kill with SIGKILL and start again where it was.
 */
public final class BrokerProcess {
    private static final String READY = "kafka listening on";

    private final int port;
    private final Path data;
    private final Path log;
    private Process process;

    public BrokerProcess(int port, Path data, Path log) {
        this.port = port;
        this.data = data;
        this.log = log;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it says it is ready (topics created). */
    public BrokerProcess start() throws IOException, InterruptedException {
        long readyBefore = count(READY);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                KafkaCommand.class.getName(), "--port", String.valueOf(port), "--data", data.toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Await.until(Duration.ofMinutes(2), "the broker ready on " + bootstrap(), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the broker exited with " + process.exitValue() + "; see " + log);
            }
            return count(READY) > readyBefore;
        });
        return this;
    }

    /** CPU seconds the process has used so far (NaN when not running), for benchmarks that say where the cores went. */
    public double cpuSeconds() {
        Process p = process;
        return p == null ? Double.NaN : p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** SIGTERM, then SIGKILL after a minute: the broker shuts down, and writes its flight recording when it makes one. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            process = null;
        }
    }

    /** SIGKILL: no shutdown, no flush beyond what the operating system already has. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
            process = null;
        }
    }

    private long count(String line) {
        try {
            String text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "";
            return text.lines().filter(l -> l.contains(line)).count();
        } catch (IOException e) {
            return 0; // being written: read again on the next poll
        }
    }
}
