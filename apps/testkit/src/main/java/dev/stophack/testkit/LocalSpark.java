package dev.stophack.testkit;

import dev.stophack.embedded.s3.EmbeddedS3;
import dev.stophack.storage.S3aSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Spark in {@code local[2]} for tests: bound to 127.0.0.1, no UI, two shuffle partitions, UTC,
 * and {@code s3a://} wired to an {@link EmbeddedS3}.
 *
 * <p>Spark keeps one session per JVM and surefire runs test classes in one JVM, so a second call
 * reuses the session and rewires it to the new endpoint, which is cheaper than a new SparkContext.
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    /** A session whose {@code s3a://BUCKET/...} paths go to {@code s3}. */
    public static SparkSession session(EmbeddedS3 s3) {
        Map<String, String> s3a = S3aSettings.forEndpoint(s3.endpoint(), s3.accessKey(), s3.secretKey());
        SparkSession.Builder builder = builder();
        s3a.forEach((key, value) -> builder.config("spark.hadoop." + key, value));
        SparkSession spark = builder.getOrCreate();
        // spark.hadoop.* only reaches a new SparkContext; an existing one gets the keys directly
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        s3a.forEach(hadoop::set);
        forgetCachedFileSystems();
        return spark;
    }

    /** A session without S3, for tests on local files only. */
    public static SparkSession session() {
        return builder().getOrCreate();
    }

    /** The local settings, for a test that needs one more before {@code getOrCreate()}. */
    public static SparkSession.Builder builder() {
        return SparkSession.builder()
                .appName("stophack-test")
                .master("local[2]")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC");
    }

    /**
     * Hadoop caches one S3AFileSystem per bucket name, built with the endpoint of its time; after
     * an S3 restart on another port that instance would keep calling the old one.
     */
    private static void forgetCachedFileSystems() {
        try {
            FileSystem.closeAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close cached Hadoop file systems", e);
        }
    }
}
