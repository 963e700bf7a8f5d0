package dev.stophack.config;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The S3 connection options, mixed into every command that reads or writes the bucket. */
public final class S3Options {
    @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = Defaults.S3_ENDPOINT,
            description = "S3 endpoint (env STOPHACK_S3_ENDPOINT; default: ${DEFAULT-VALUE}).")
    public String endpoint;

    @Option(names = "--bucket", defaultValue = Defaults.S3_BUCKET,
            description = "S3 bucket (env STOPHACK_S3_BUCKET; default: ${DEFAULT-VALUE}).")
    public String bucket;

    @Option(names = "--access-key", defaultValue = Defaults.S3_ACCESS_KEY,
            description = "S3 access key (env AWS_ACCESS_KEY_ID; default: ${DEFAULT-VALUE}).")
    public String accessKey;

    @Option(names = "--secret-key", defaultValue = Defaults.S3_SECRET_KEY, arity = "0..1", interactive = false,
            description = "S3 secret key (env AWS_SECRET_ACCESS_KEY).")
    public String secretKey;

    /** The options as a command with no S3 flags would see them: environment variables, then defaults. */
    public static S3Options fromEnvironment() {
        S3Options options = new S3Options();
        new CommandLine(options).parseArgs();
        return options;
    }
}
