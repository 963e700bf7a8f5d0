package dev.stophack.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hadoop-aws settings that point {@code s3a://} at an S3 endpoint (MinIO, S3Proxy or AWS),
 * as Hadoop configuration keys (prefix them with {@code spark.hadoop.} for a SparkConf).
 */
public final class S3aSettings {
    private S3aSettings() {
    }

    public static Map<String, String> forEndpoint(String endpoint, String accessKey, String secretKey) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", endpoint);
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https:")));
        s.put("fs.s3a.access.key", accessKey);
        s.put("fs.s3a.secret.key", secretKey);
        s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        // keep directory markers: deleting them is what made S3 stores without real directories slow
        s.put("fs.s3a.directory.marker.retention", "keep");
        s.put("fs.s3a.change.detection.mode", "none");
        // fail within seconds, not minutes, when the endpoint is away; Spark retries tasks anyway
        s.put("fs.s3a.attempts.maximum", "3");
        s.put("fs.s3a.retry.limit", "3");
        s.put("fs.s3a.retry.interval", "200ms");
        s.put("fs.s3a.connection.establish.timeout", "5000");
        s.put("fs.s3a.connection.timeout", "30000");
        s.put("fs.s3a.fast.upload", "true");
        return s;
    }
}
