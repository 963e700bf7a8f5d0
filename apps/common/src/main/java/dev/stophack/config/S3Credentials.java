package dev.stophack.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * How S3 requests are signed: a static key pair, or the AWS default credentials chain (a pod's
 * web identity, a profile, container credentials, an instance role). Which one is decided here,
 * from flags, environment and files only, so that a machine with nothing to offer gets a clear
 * error at once instead of an SDK probing the instance-metadata endpoint and failing later.
 */
public sealed interface S3Credentials {

    /** Words for logs: which kind, never the keys. */
    String describe();

    /** A static key pair; {@link #toString()} hides both keys. */
    record Keys(String accessKey, String secretKey) implements S3Credentials {
        @Override
        public String describe() {
            return "static keys";
        }

        @Override
        public String toString() {
            return "Keys[hidden]";
        }
    }

    /** Where the default chain finds credentials; s3a's provider list depends on it. */
    enum Source { ENVIRONMENT, WEB_IDENTITY, CONTAINER, PROFILE, INSTANCE }

    /** The AWS SDK's default chain, which will find credentials through {@code source}, as {@code detail} says. */
    record DefaultChain(Source source, String detail) implements S3Credentials {
        @Override
        public String describe() {
            return "the AWS default credentials chain (" + detail + ")";
        }
    }

    String NONE = "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or --access-key and"
            + " --secret-key), or run with a role the AWS default chain finds (web identity: AWS_ROLE_ARN and"
            + " AWS_WEB_IDENTITY_TOKEN_FILE; a profile: AWS_PROFILE or ~/.aws/credentials; container"
            + " credentials; an EC2 instance role). The embedded endpoint's keys: ./stophack s3 prints them";

    /**
     * Flags first, then {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, then whatever the
     * default chain can see in {@code env} and {@code files}.
     *
     * @throws IllegalArgumentException when only half a key pair is given, or nothing at all
     */
    static S3Credentials resolve(String flagKey, String flagSecret, Map<String, String> env, CredentialFiles files) {
        String key = text(flagKey) != null ? text(flagKey) : text(env.get("AWS_ACCESS_KEY_ID"));
        String secret = text(flagSecret) != null ? text(flagSecret) : text(env.get("AWS_SECRET_ACCESS_KEY"));
        if (key != null && secret != null) {
            boolean fromEnv = text(flagKey) == null && text(flagSecret) == null;
            if (fromEnv && text(env.get("AWS_SESSION_TOKEN")) != null) {
                // temporary keys: the chains' environment providers send the token with them
                return new DefaultChain(Source.ENVIRONMENT, "AWS_ACCESS_KEY_ID with AWS_SESSION_TOKEN");
            }
            return new Keys(key, secret);
        }
        if (key != null) {
            throw new IllegalArgumentException("S3: an access key but no secret key: set AWS_SECRET_ACCESS_KEY (or --secret-key)");
        }
        if (secret != null) {
            throw new IllegalArgumentException("S3: a secret key but no access key: set AWS_ACCESS_KEY_ID (or --access-key)");
        }
        if (text(env.get("AWS_ROLE_ARN")) != null && text(env.get("AWS_WEB_IDENTITY_TOKEN_FILE")) != null) {
            return new DefaultChain(Source.WEB_IDENTITY, "web identity of role " + env.get("AWS_ROLE_ARN"));
        }
        if (text(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")) != null
                || text(env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) != null) {
            return new DefaultChain(Source.CONTAINER, "container credentials");
        }
        if (text(env.get("AWS_PROFILE")) != null) {
            return new DefaultChain(Source.PROFILE, "profile " + env.get("AWS_PROFILE"));
        }
        // the v2 SDK reads AWS_SHARED_CREDENTIALS_FILE, hadoop-aws's v1 SDK AWS_CREDENTIAL_PROFILES_FILE
        String credentialsFile = text(env.get("AWS_SHARED_CREDENTIALS_FILE")) != null
                ? env.get("AWS_SHARED_CREDENTIALS_FILE") : text(env.get("AWS_CREDENTIAL_PROFILES_FILE"));
        Path profiles = files.profileFile(credentialsFile, text(env.get("AWS_CONFIG_FILE")));
        if (profiles != null) {
            return new DefaultChain(Source.PROFILE, "profile file " + profiles);
        }
        if (!"true".equalsIgnoreCase(text(env.get("AWS_EC2_METADATA_DISABLED"))) && files.onEc2()) {
            return new DefaultChain(Source.INSTANCE, "EC2 instance role");
        }
        throw new IllegalArgumentException(NONE);
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
