package dev.stophack.config;

/**
 * Defaults of every command-line option that has an environment fallback, written as picocli
 * default expressions: the flag wins, then the environment variable, then a default that points
 * at the embedded services, so {@code ./stophack demo} needs no flags and Helm can pass Secrets
 * as environment variables.
 */
public final class Defaults {
    public static final String KAFKA_BOOTSTRAP = "${env:STOPHACK_KAFKA_BOOTSTRAP:-127.0.0.1:9092}";
    public static final String S3_ENDPOINT = "${env:STOPHACK_S3_ENDPOINT:-http://127.0.0.1:9000}";
    public static final String S3_BUCKET = "${env:STOPHACK_S3_BUCKET:-stophack}";
    public static final String S3_ACCESS_KEY = "${env:AWS_ACCESS_KEY_ID:-stophack}";
    public static final String S3_SECRET_KEY = "${env:AWS_SECRET_ACCESS_KEY:-stophack-secret}";
    public static final String MACHINES = "${env:STOPHACK_MACHINES:-4,5,6,7,8}";

    private Defaults() {
    }
}
