package dev.stophack.streaming.support;

import dev.stophack.streaming.StreamCommand;
import dev.stophack.testkit.TestServices;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stophack stream} as a real separate process, on this test's classpath, against the test's
 * Kafka and S3: something a test can kill with SIGKILL.
 */
public final class ChildJob {
    private ChildJob() {
    }

    public static Process start(TestServices services, Path log, String... extraArgs) throws IOException {
        return start(List.of("-Xmx1g"), services.bootstrapServers(), services.s3Endpoint(), services.bucket(),
                services.accessKey(), services.secretKey(), log, extraArgs);
    }

    /** The job with JVM options {@code jvm} against Kafka at {@code bootstrap} and S3 at {@code endpoint}. */
    public static Process start(List<String> jvm, String bootstrap, String endpoint, String bucket, String accessKey,
            String secretKey, Path log, String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                cmd.add(arg);
            }
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(StreamCommand.class.getName());
        cmd.addAll(List.of("--bootstrap", bootstrap, "--s3-endpoint", endpoint, "--bucket", bucket,
                "--access-key", accessKey, "--secret-key", secretKey, "--metrics-port", "0", "--ui-port", "0"));
        cmd.addAll(List.of(extraArgs));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
