package dev.stophack.streaming.weblog.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code stophack kafka} or {@code stophack s3} as a process of its own, on this JVM's classpath,
 * as the laptop runs them: the benchmark's job then pays for the network and the broker's and S3's
 * own CPU as it would beside real ones, instead of sharing its heap and threads with them.
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final String name;

    private ServiceProcess(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    /** Starts {@code mainClass} with {@code args} and returns once it printed a line containing {@code ready}. */
    static ServiceProcess start(String name, String mainClass, String ready, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = java.nio.file.Files.newBufferedWriter(log)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    if (line.contains(ready)) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
            started.completeExceptionally(new IllegalStateException(name + " ended before it was ready; see " + log));
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
        started.get(3, TimeUnit.MINUTES);
        return new ServiceProcess(p, name);
    }

    long pid() {
        return process.pid();
    }

    /** CPU seconds the process has used so far. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
