package dev.stophack.config;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The S3 connection options, mixed into every command that reads or writes the bucket (and meant
 * for any other app that does, the rollout controller included).
 *
 * <p>The keys have no picocli default: a default would be printed by {@code --help}. Without
 * {@code --access-key}/{@code --secret-key} they come from {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY}, and without those from the AWS default credentials chain
 * ({@link S3Credentials#resolve}).
 */
public final class S3Options {
    @Option(names = "--s3-endpoint", defaultValue = Defaults.S3_ENDPOINT,
            description = "S3 endpoint (env STOPHACK_S3_ENDPOINT; default: ${DEFAULT-VALUE}).")
    public String endpoint;

    @Option(names = "--bucket", defaultValue = Defaults.S3_BUCKET,
            description = "S3 bucket (env STOPHACK_S3_BUCKET; default: ${DEFAULT-VALUE}).")
    public String bucket;

    @Option(names = "--access-key", paramLabel = "KEY",
            description = "S3 access key (env AWS_ACCESS_KEY_ID). Without keys: the AWS default credentials chain"
                    + " (web identity, profile, container or instance role).")
    public String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET",
            description = "S3 secret key (env AWS_SECRET_ACCESS_KEY, which keeps it out of the process list).")
    public String secretKey;

    /** The options as a command with no S3 flags would see them: environment variables, then defaults. */
    public static S3Options fromEnvironment() {
        S3Options options = new S3Options();
        new CommandLine(options).parseArgs();
        return options;
    }

    /** How to sign requests: the flags, then the environment, then the default chain; or a clear error. */
    public S3Credentials credentials() {
        return S3Credentials.resolve(accessKey, secretKey, System.getenv(), CredentialFiles.ofThisMachine());
    }

    /** Same, with the environment and files given (tests). */
    public S3Credentials credentials(Map<String, String> env, CredentialFiles files) {
        return S3Credentials.resolve(accessKey, secretKey, env, files);
    }
}
