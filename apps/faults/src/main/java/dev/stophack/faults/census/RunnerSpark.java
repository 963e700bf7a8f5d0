package dev.stophack.faults.census;

import dev.stophack.config.Defaults;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.S3aSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The runner's own Spark, in local mode: one session for the whole run (starting Spark costs
 * seconds a scenario need not pay again), each scenario's bucket pointed at its own S3 endpoint.
 */
public final class RunnerSpark {
    private RunnerSpark() {
    }

    /** The session, for work on local files only: its s3a settings are left as they are. */
    public static SparkSession session() {
        return SparkSessions.create("stophack-faults", null, Map.of());
    }

    /**
     * The session, reading {@code s3a://BUCKET} from the embedded S3 at {@code endpoint}. The
     * settings are s3a's per-bucket ones ({@code fs.s3a.bucket.BUCKET.*}), so that scenarios
     * running at once, each with a bucket and an endpoint of its own, share the session.
     */
    public static SparkSession at(String endpoint, String bucket) {
        SparkSession spark = session();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        S3aSettings.forEndpoint(endpoint, Defaults.EMBEDDED_S3_ACCESS_KEY, Defaults.EMBEDDED_S3_SECRET_KEY)
                .forEach((key, value) -> conf.set(perBucket(key, bucket), value));
        try {
            // Hadoop caches a file system per bucket, built with the settings of its time: a test
            // that runs a scenario twice in one JVM gets the second endpoint, not the first
            FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the cached file system of s3a://" + bucket, e);
        }
        return spark;
    }

    /** {@code fs.s3a.X} as the setting of {@code bucket} alone: {@code fs.s3a.bucket.BUCKET.X}. */
    static String perBucket(String key, String bucket) {
        String prefix = "fs.s3a.";
        if (!key.startsWith(prefix)) {
            throw new IllegalArgumentException("not an s3a setting: " + key);
        }
        return prefix + "bucket." + bucket + "." + key.substring(prefix.length());
    }
}
