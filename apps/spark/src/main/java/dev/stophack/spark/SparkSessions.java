package dev.stophack.spark;

import dev.stophack.config.S3Options;
import dev.stophack.storage.S3aSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a stophack Spark app: {@code local[2]} on 127.0.0.1 unless
 * spark-submit (the spark-operator) already chose a master, UTC, and s3a wired to the bucket.
 */
public final class SparkSessions {
    /** Spark's own default for {@code spark.redaction.regex}: it already hides the s3a keys and passwords. */
    static final String SPARK_REDACTION = "(?i)secret|password|token|access[.]?key";
    /**
     * Added to the redaction pattern (of Spark's UI, event log and conf dumps): a Kafka JAAS line
     * holds a password under a key that names none.
     */
    static final String STOPHACK_REDACTION = "(?i)jaas";

    private SparkSessions() {
    }

    /**
     * A session for {@code appName}; {@code s3} null leaves s3a unconfigured (no S3 location in
     * use, so no credentials are needed either).
     */
    public static SparkSession create(String appName, S3Options s3, Map<String, String> extra) {
        SparkSession spark = SparkSession.builder().config(conf(appName, s3, extra)).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** The configuration {@link #create} starts Spark with. */
    static SparkConf conf(String appName, S3Options s3, Map<String, String> extra) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1")
                .setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.sql.session.timeZone", "UTC")
            .setIfMissing("spark.sql.shuffle.partitions", "4")
            .setIfMissing("spark.sql.adaptive.enabled", "true");
        conf.set("spark.redaction.regex", redaction(conf.get("spark.redaction.regex", SPARK_REDACTION)));
        if (s3 != null) {
            S3aSettings.forEndpoint(s3.endpoint, s3.credentials())
                .forEach((k, v) -> conf.setIfMissing("spark.hadoop." + k, v));
        }
        extra.forEach(conf::set);
        return conf;
    }

    /** {@code pattern} widened to also match what {@link #STOPHACK_REDACTION} matches. */
    static String redaction(String pattern) {
        return pattern.contains(STOPHACK_REDACTION) ? pattern : pattern + "|" + STOPHACK_REDACTION;
    }
}
