package dev.stophack.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command's main class run as its own JVM on the test's classpath, with an environment of the
 * test's choosing: what a user or a pod sees (stdout and stderr together, the exit code), for the
 * things a test cannot change in its own JVM (environment variables, {@code System.exit}).
 *
 * <pre>
 * ChildJvm.Result r = ChildJvm.of(StreamCommand.class).env("AWS_SECRET_ACCESS_KEY", s).run(Duration.ofSeconds(60), "--help");
 * </pre>
 */
public final class ChildJvm {
    private final Class<?> mainClass;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    private ChildJvm(Class<?> mainClass) {
        this.mainClass = mainClass;
    }

    public static ChildJvm of(Class<?> mainClass) {
        return new ChildJvm(mainClass);
    }

    /** Sets a variable; null removes one the test JVM has. */
    public ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Sets many; null values remove. */
    public ChildJvm env(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    /** A JVM option such as {@code -Dname=value}. */
    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** What the child printed and how it ended. */
    public record Result(int code, String output) {
    }

    /** Runs to the end, at most {@code timeout}; a child still running then is killed and the test fails. */
    public Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("child-jvm", ".log");
        try {
            Process p = start(log, args);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(mainClass.getSimpleName() + " still running after " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Starts it with stdout and stderr appended to {@code log}; the caller stops it. */
    public Process start(Path log, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return builder.start();
    }

    /** The command line that runs it (without the environment), for a caller that starts processes itself. */
    public List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // what Spark needs on Java 17, as the parent has it
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
