package dev.stophack.streaming.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On SIGTERM the job stops while Spark still runs: its stop is ordered before Spark's own. */
class ShutdownOrderTest {

    /** A JVM with a SparkSession and a stop that takes a while, as the job's does while its queries end. */
    public static final class SlowStop {
        public static void main(String[] args) throws Exception {
            SparkSession spark = SparkSession.builder().master("local[1]").appName("shutdown-order")
                    .config("spark.ui.enabled", "false").getOrCreate();
            ShutdownOrder.beforeSpark(() -> {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.println(spark.sparkContext().isStopped() ? "the context was stopped under the job's stop"
                        : "the job stopped with the context running");
                System.out.flush();
            });
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @Test
    void aSigtermStopsTheJobBeforeSparkStopsItsContext(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("slow-stop.log");
        Process p = start(log);
        try {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!read(log).contains("ready")) {
                assertThat(p.isAlive()).as("the probe JVM runs (see %s)", log).isTrue();
                assertThat(System.nanoTime()).as("the probe JVM started its SparkSession within 2 min").isLessThan(until);
                Thread.sleep(200);
            }

            p.destroy(); // SIGTERM, as Kubernetes and the demo stop the job

            assertThat(p.waitFor(1, TimeUnit.MINUTES)).as("the probe JVM exited").isTrue();
            assertThat(read(log)).contains("the job stopped with the context running")
                    .doesNotContain("the context was stopped under the job's stop");
        } finally {
            p.destroyForcibly();
        }
    }

    private static Process start(Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Spark on Java 17 needs the module openings the test JVM was given
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), SlowStop.class.getName()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
