package dev.stophack.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hadoop settings that point hadoop-aws's {@code s3a://} at an S3-compatible endpoint such as
 * EmbeddedS3 or MinIO. Plain keys ({@code fs.s3a.*}); Spark wants them prefixed
 * {@code spark.hadoop.}.
 *
 * <p>Lives here until a Spark app needs the same at runtime; then it belongs in a module both the
 * apps and the testkit share.
 */
public final class S3aSettings {
    private S3aSettings() {
    }

    public static Map<String, String> forEndpoint(String endpoint, String accessKey, String secretKey) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", endpoint);
        // S3-compatible servers serve buckets as paths, not as host names
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https://")));
        // signing needs a region; without one hadoop-aws tries to guess it from the endpoint
        s.put("fs.s3a.endpoint.region", "us-east-1");
        s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        s.put("fs.s3a.access.key", accessKey);
        s.put("fs.s3a.secret.key", secretKey);
        // Leave directory markers in place: no DELETE of every parent "dir/" marker after each
        // write. Fewer requests anywhere, and stores that keep a marker as a real directory
        // (S3Proxy's, see EmbeddedS3) handle those deletes slowly or not at all.
        s.put("fs.s3a.directory.marker.retention", "keep");
        // Fail in seconds, not minutes, when the endpoint is down or misbehaves (defaults: 20
        // SDK attempts, 7 s3a retries at 500 ms, a 200 s socket timeout).
        s.put("fs.s3a.attempts.maximum", "2");
        s.put("fs.s3a.retry.limit", "2");
        s.put("fs.s3a.retry.interval", "200ms");
        s.put("fs.s3a.retry.throttle.limit", "2");
        s.put("fs.s3a.retry.throttle.interval", "200ms");
        s.put("fs.s3a.connection.establish.timeout", "2000");
        s.put("fs.s3a.connection.timeout", "15000");
        return s;
    }
}
