package dev.stophack.embedded.s3;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A plain AWS SDK v2 client for an {@link EmbeddedS3}, and the few calls the tests repeat. */
final class S3TestClient {
    private S3TestClient() {
    }

    static S3Client of(EmbeddedS3 s3) {
        return of(s3, s3.secretKey());
    }

    static S3Client of(EmbeddedS3 s3, String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new NoExpectContinue()))
                .build();
    }

    static void put(S3Client client, String bucket, String key, String text) {
        client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    static String get(S3Client client, String bucket, String key) {
        return client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
    }

    /** Every key under {@code prefix}, in the order the store lists them. */
    static List<String> keys(S3Client client, String bucket, String prefix) {
        return client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .collect(Collectors.toList());
    }

    /**
     * The SDK asks for "100 Continue" before every PutObject body. For an empty body (a directory
     * marker) Jetty rightly answers at once without it, and the JDK's HttpURLConnection then
     * loses that answer: in a warm JVM most empty PUTs failed with "Unexpected end of file from
     * server". Without the header the JDK client sends the body straight away.
     */
    private static final class NoExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
        }
    }
}
