package dev.stophack.streaming.run;

import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * The job's stop on SIGTERM, ordered before Spark's. A plain JVM shutdown hook runs beside
 * Spark's, which stops the SparkContext (and Hadoop's, which closes the S3 file systems) while the
 * queries are still stopping: they then end with "Cannot call methods on a stopped SparkContext"
 * instead of cleanly. Hadoop's shutdown hook manager runs its hooks one after another, highest
 * priority first, and Spark's hook is one of them.
 */
public final class ShutdownOrder {
    /** Above Spark's own hook, which Spark registers at {@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30}. */
    static final int BEFORE_SPARK = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;
    /** Room for the queries to stop and the job's thread to end (it waits 30 s for it). */
    static final long TIMEOUT_SECONDS = 60;

    private ShutdownOrder() {
    }

    /** Runs {@code stop} when the JVM shuts down, before Spark stops its context. */
    public static void beforeSpark(Runnable stop) {
        ShutdownHookManager.get().addShutdownHook(stop, BEFORE_SPARK, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
