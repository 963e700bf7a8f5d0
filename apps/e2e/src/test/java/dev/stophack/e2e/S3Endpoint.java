package dev.stophack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./stophack s3} over a stopped demo's folder, as a user starts it to look at what the
 * demo left, and the commands run against it with the demo's keys in their environment.
 */
final class S3Endpoint implements AutoCloseable {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private final Process process;
    private final int port;

    private S3Endpoint(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3Endpoint start(Path folder, int port, Path scratch) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ROOT.resolve("stophack").toString(), "s3", "--port", String.valueOf(port),
                "--data", folder.toString())
                .redirectErrorStream(true).redirectOutput(Files.createTempFile(scratch, "s3", ".out").toFile()).start();
        S3Endpoint s3 = new S3Endpoint(p, port);
        try {
            s3.awaitPort();
        } catch (AssertionError | InterruptedException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    /**
     * Runs {@code ./stophack ARGS} against this endpoint with {@code stdin} as its input; returns
     * its standard output, and fails with its error output unless it exits with 0.
     */
    String run(Path scratch, String stdin, String... args) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(scratch, args[0], ".in"), stdin);
        Path out = Files.createTempFile(scratch, args[0], ".out");
        Path err = Files.createTempFile(scratch, args[0], ".err");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("stophack").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("STOPHACK_S3_ENDPOINT", "http://127.0.0.1:" + port);
        builder.environment().put("AWS_ACCESS_KEY_ID", "stophack");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "stophack-secret");
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("STOPHACK_S3_BUCKET");
        Process p = builder.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertThat(p.isAlive()).as("stophack %s ended within 5 minutes", args[0]).isFalse();
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("stophack %s: %s", String.join(" ", args), errors).isZero();
        assertThat(errors).as("stophack %s says nothing on stderr", args[0]).isEmpty();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Waits until the endpoint listens; fails if it exits first. */
    private void awaitPort() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            assertThat(System.nanoTime()).as("the S3 endpoint listens within 3 minutes").isLessThan(giveUp);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                assertThat(process.isAlive()).as("the S3 endpoint exited before it listened").isTrue();
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
