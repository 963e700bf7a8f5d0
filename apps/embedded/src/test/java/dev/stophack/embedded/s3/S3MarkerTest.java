package dev.stophack.embedded.s3;

import static dev.stophack.embedded.s3.S3TestClient.keys;
import static dev.stophack.embedded.s3.S3TestClient.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A directory marker ({@code dir/}, the empty object hadoop-aws writes for a directory) is an
 * object of its own on the embedded S3, on both stores, as on S3: found only under its own key.
 */
class S3MarkerTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void aMarkerAnswersAsAnEmptyObjectUnderItsOwnKeyOnly(boolean onDisk) {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            put(client, bucket, "dir/", "");
            put(client, bucket, "file", "content");

            HeadObjectResponse marker = client.headObject(r -> r.bucket(bucket).key("dir/"));
            assertThat(marker.contentLength()).isZero();
            assertThat(marker.eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
            assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key("dir/")).asByteArray()).isEmpty();

            assertNotFound(() -> client.headObject(r -> r.bucket(bucket).key("dir")));
            // a file is no marker: "file/" is another key, and there is none
            assertNotFound(() -> client.headObject(r -> r.bucket(bucket).key("file/")));
            assertNotFound(() -> client.getObjectAsBytes(r -> r.bucket(bucket).key("file/")));
        }
    }

    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void deletingAMarkerLeavesTheKeysBelowItAndTheirDirectoryGoesWithTheLast(boolean onDisk) {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            put(client, bucket, "p/", "");
            put(client, bucket, "p/q/", "");
            put(client, bucket, "p/q/file", "x");

            // s3a's default marker policy: after writing a file, one bulk delete of its parents' markers
            client.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(
                    ObjectIdentifier.builder().key("p/").build(), ObjectIdentifier.builder().key("p/q/").build())));
            assertThat(keys(client, bucket, "")).containsExactly("p/q/file");
            assertNotFound(() -> client.headObject(r -> r.bucket(bucket).key("p/")));
            assertNotFound(() -> client.headObject(r -> r.bucket(bucket).key("p/q/")));

            client.deleteObject(r -> r.bucket(bucket).key("p/q/file"));
            assertThat(keys(client, bucket, "")).isEmpty();
            assertThat(client.listObjectsV2(r -> r.bucket(bucket).delimiter("/")).commonPrefixes()).isEmpty();
        }
    }

    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void deletingAKeyLeavesTheMarkerAndTheKeysThatOnlyShareItsName(boolean onDisk) {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            put(client, bucket, "empty/", "");
            put(client, bucket, "full/file", "x");
            put(client, bucket, "file", "x");

            // no such keys: S3 deletes nothing and says 204
            client.deleteObject(r -> r.bucket(bucket).key("empty"));
            client.deleteObject(r -> r.bucket(bucket).key("full"));
            client.deleteObject(r -> r.bucket(bucket).key("file/"));

            assertThat(keys(client, bucket, "")).containsExactly("empty/", "file", "full/file");
        }
    }

    /**
     * S3 could hold all of these; the store cannot, and says so instead of failing with a bare
     * 500 and a stray temporary key, replacing the marker or rewriting the object's ETag.
     */
    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void refusesAnObjectBesideKeysUnderItsNameAndLeavesNothingBehind(boolean onDisk) {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            put(client, bucket, "a/b/c", "x");
            put(client, bucket, "e/", "");
            put(client, bucket, "f", "content");
            String eTag = client.headObject(r -> r.bucket(bucket).key("f")).eTag();

            assertBadRequest(() -> put(client, bucket, "a/b", "y"));
            assertBadRequest(() -> put(client, bucket, "e", "y"));
            assertBadRequest(() -> put(client, bucket, "f/", ""));
            assertBadRequest(() -> put(client, bucket, "f/g", "y"));
            assertBadRequest(() -> client.copyObject(r -> r.sourceBucket(bucket).sourceKey("f")
                    .destinationBucket(bucket).destinationKey("a/b")));

            assertThat(keys(client, bucket, "")).containsExactly("a/b/c", "e/", "f");
            assertThat(client.headObject(r -> r.bucket(bucket).key("f")).eTag()).isEqualTo(eTag);
            assertThat(S3TestClient.get(client, bucket, "f")).isEqualTo("content");
        }
    }

    private static void assertBadRequest(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    private EmbeddedS3 start(boolean onDisk) {
        return (onDisk ? new EmbeddedS3(tmp.resolve("s3")) : new EmbeddedS3()).start();
    }
}
