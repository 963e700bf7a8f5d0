package dev.stophack.faults.census;

import dev.stophack.config.Defaults;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.S3aSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The runner's own Spark, in local mode: one session for the whole run (starting Spark costs
 * seconds a scenario need not pay again), pointed at the S3 endpoint of the scenario at hand.
 */
public final class RunnerSpark {
    private RunnerSpark() {
    }

    /** The session, its s3a set to the embedded S3 at {@code endpoint}. */
    public static SparkSession at(String endpoint) {
        SparkSession spark = SparkSessions.create("stophack-faults", null, Map.of());
        // one session per JVM: each scenario has its own endpoint, set on the running context
        S3aSettings.forEndpoint(endpoint, Defaults.EMBEDDED_S3_ACCESS_KEY, Defaults.EMBEDDED_S3_SECRET_KEY)
                .forEach(spark.sparkContext().hadoopConfiguration()::set);
        try {
            FileSystem.closeAll(); // Hadoop caches a file system per bucket, built with the endpoint of its time
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close cached Hadoop file systems", e);
        }
        return spark;
    }
}
