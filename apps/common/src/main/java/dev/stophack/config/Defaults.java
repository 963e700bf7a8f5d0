package dev.stophack.config;

/**
 * Defaults of every command-line option that has an environment fallback, written as picocli
 * default expressions: the flag wins, then the environment variable, then a default that points
 * at the embedded services, so {@code ./stophack demo} needs no flags and Helm can pass Secrets
 * as environment variables.
 *
 * <p>Credentials have no default expression on purpose: picocli shows defaults in {@code --help},
 * so {@link S3Options} reads their environment variables itself.
 */
public final class Defaults {
    public static final String KAFKA_BOOTSTRAP = "${env:STOPHACK_KAFKA_BOOTSTRAP:-127.0.0.1:9092}";
    /** No default file: without one, clients speak PLAINTEXT. */
    public static final String KAFKA_CONFIG = "${env:STOPHACK_KAFKA_CONFIG}";
    public static final String S3_ENDPOINT = "${env:STOPHACK_S3_ENDPOINT:-http://127.0.0.1:9000}";
    public static final String S3_BUCKET = "${env:STOPHACK_S3_BUCKET:-stophack}";
    public static final String MACHINES = "${env:STOPHACK_MACHINES:-4,5,6,7,8}";

    /**
     * The key pair of the embedded S3 endpoint ({@code stophack s3}) and nothing else: the demo
     * hands it to its parts through the environment; every other command needs real credentials.
     */
    public static final String EMBEDDED_S3_ACCESS_KEY = "stophack";
    public static final String EMBEDDED_S3_SECRET_KEY = "stophack-secret";

    private Defaults() {
    }
}
