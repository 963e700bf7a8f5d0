package dev.stophack.storage;

import dev.stophack.config.S3Credentials;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hadoop-aws settings that point {@code s3a://} at an S3 endpoint (MinIO, S3Proxy or AWS),
 * as Hadoop configuration keys: prefix them with {@code spark.hadoop.} for a SparkConf. Plain
 * strings, so the Spark apps and the test kit share them without sharing a classpath.
 */
public final class S3aSettings {
    private S3aSettings() {
    }

    /**
     * Without static keys, s3a asks these in turn, as the AWS v1 SDK's default chain would (hadoop-aws
     * 3.3.4's own default list has no web identity and no profile): environment variables, JVM
     * system properties, a profile file, then container or EC2 instance credentials (hadoop's
     * wrapper caches them and refreshes them in the background).
     */
    public static final String DEFAULT_CHAIN = String.join(",",
            "com.amazonaws.auth.EnvironmentVariableCredentialsProvider",
            "com.amazonaws.auth.SystemPropertiesCredentialsProvider",
            "com.amazonaws.auth.profile.ProfileCredentialsProvider",
            "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider");

    /**
     * A pod's web identity token (IRSA) first, when there is one: the v1 provider throws a
     * NullPointerException without its variables, which s3a's list does not pass over, so it is
     * only listed when {@link S3Credentials} found them.
     */
    public static final String WEB_IDENTITY_CHAIN = "com.amazonaws.auth.WebIdentityTokenCredentialsProvider," + DEFAULT_CHAIN;

    /** Static keys (the embedded endpoint, tests). */
    public static Map<String, String> forEndpoint(String endpoint, String accessKey, String secretKey) {
        return forEndpoint(endpoint, new S3Credentials.Keys(accessKey, secretKey));
    }

    public static Map<String, String> forEndpoint(String endpoint, S3Credentials credentials) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", endpoint);
        // S3-compatible servers serve buckets as paths, not as host names
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https:")));
        // signing needs a region; without one hadoop-aws tries to guess it from the endpoint
        s.put("fs.s3a.endpoint.region", "us-east-1");
        if (credentials instanceof S3Credentials.Keys keys) {
            s.put("fs.s3a.access.key", keys.accessKey());
            s.put("fs.s3a.secret.key", keys.secretKey());
            s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        } else if (credentials instanceof S3Credentials.DefaultChain chain && chain.source() == S3Credentials.Source.WEB_IDENTITY) {
            s.put("fs.s3a.aws.credentials.provider", WEB_IDENTITY_CHAIN);
        } else {
            s.put("fs.s3a.aws.credentials.provider", DEFAULT_CHAIN);
        }
        // Leave directory markers in place: no DELETE of every parent "dir/" marker after each
        // write, so fewer requests. Not needed for correctness: the embedded S3 deletes markers
        // as S3 does (EmbeddedS3's S3SemanticsStore), and s3a 3.3.4 reads both layouts.
        s.put("fs.s3a.directory.marker.retention", "keep");
        s.put("fs.s3a.change.detection.mode", "none");
        // Fail in seconds, not minutes, when the endpoint is away (defaults: 20 SDK attempts,
        // 7 s3a retries, a 200 s socket timeout); Spark retries the task, streaming the batch.
        s.put("fs.s3a.attempts.maximum", "3");
        s.put("fs.s3a.retry.limit", "3");
        s.put("fs.s3a.retry.interval", "200ms");
        s.put("fs.s3a.retry.throttle.limit", "3");
        s.put("fs.s3a.retry.throttle.interval", "200ms");
        s.put("fs.s3a.connection.establish.timeout", "5000");
        s.put("fs.s3a.connection.timeout", "30000");
        s.put("fs.s3a.fast.upload", "true");
        return s;
    }
}
