package dev.stophack.spark;

import dev.stophack.config.S3Options;
import dev.stophack.storage.S3aSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a stophack Spark app: {@code local[2]} on 127.0.0.1 unless
 * spark-submit (the spark-operator) already chose a master, UTC, parquet timestamps with their
 * logical type, and s3a wired to the bucket.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(String appName, S3Options s3, Map<String, String> extra) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1")
                .setIfMissing("spark.ui.enabled", "false");
        }
        // timestamps as parquet's TIMESTAMP(MICROS, UTC) with its logical type, which every engine reads,
        // not Spark's default INT96 (deprecated by parquet); files already written in INT96 stay readable
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.setIfMissing("spark.sql.session.timeZone", "UTC")
            .setIfMissing("spark.sql.shuffle.partitions", "4")
            .setIfMissing("spark.sql.adaptive.enabled", "true");
        if (s3 != null) {
            S3aSettings.forEndpoint(s3.endpoint, s3.accessKey, s3.secretKey)
                .forEach((k, v) -> conf.setIfMissing("spark.hadoop." + k, v));
        }
        extra.forEach(conf::set);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
