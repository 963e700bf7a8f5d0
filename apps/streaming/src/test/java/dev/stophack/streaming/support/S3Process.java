package dev.stophack.streaming.support;

import dev.stophack.embedded.S3Command;
import dev.stophack.embedded.s3.EmbeddedS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code stophack s3} as a separate process on a given port and data directory, as the laptop
 * runs it, with the default keys and bucket: S3 that does not share the job's or the test's JVM.
 */
public final class S3Process implements AutoCloseable {
    private static final String READY = "s3 listening on";

    private final int port;
    private final Path data;
    private final Path log;
    private Process process;

    public S3Process(int port, Path data, Path log) {
        this.port = port;
        this.data = data;
        this.log = log;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String bucket() {
        return EmbeddedS3.DEFAULT_BUCKET;
    }

    public String accessKey() {
        return EmbeddedS3.DEFAULT_ACCESS_KEY;
    }

    public String secretKey() {
        return EmbeddedS3.DEFAULT_SECRET_KEY;
    }

    /** Starts the endpoint and waits until it says it listens. */
    public S3Process start() throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                S3Command.class.getName(), "--port", String.valueOf(port), "--data", data.toString(),
                "--access-key", accessKey(), "--secret-key", secretKey(), "--bucket", bucket());
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Await.until(Duration.ofMinutes(2), "S3 ready on " + endpoint(), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the S3 endpoint exited with " + process.exitValue() + "; see " + log);
            }
            return logHas(READY);
        });
        return this;
    }

    /** CPU seconds the process has used so far (NaN when not running), for benchmarks that say where the cores went. */
    public double cpuSeconds() {
        Process p = process;
        return p == null ? Double.NaN : p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    private boolean logHas(String line) {
        try {
            return Files.exists(log) && new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).contains(line);
        } catch (IOException e) {
            return false; // being written: read again on the next poll
        }
    }
}
