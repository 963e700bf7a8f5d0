package dev.stophack.storage;

import dev.stophack.config.S3Credentials;
import dev.stophack.config.S3Options;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the plain S3 client every non-Spark part uses: path-style, JDK transport, static keys or
 * the AWS SDK's default credentials chain ({@link S3Credentials}).
 */
public final class S3Clients {
    private S3Clients() {
    }

    /** A client that signs with a static key pair (the embedded endpoint, tests). */
    public static S3Client create(String endpoint, String accessKey, String secretKey) {
        return create(endpoint, new S3Credentials.Keys(accessKey, secretKey));
    }

    public static S3Client create(String endpoint, S3Credentials credentials) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1) // MinIO and S3Proxy ignore it, the SDK insists on one
                .forcePathStyle(true)
                .credentialsProvider(provider(credentials))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    /** The client {@code options} describe; an {@link IllegalArgumentException} when they name no credentials. */
    public static S3Client create(S3Options options) {
        return create(options.endpoint, options.credentials());
    }

    static AwsCredentialsProvider provider(S3Credentials credentials) {
        if (credentials instanceof S3Credentials.Keys keys) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKey(), keys.secretKey()));
        }
        return DefaultCredentialsProvider.create();
    }
}
