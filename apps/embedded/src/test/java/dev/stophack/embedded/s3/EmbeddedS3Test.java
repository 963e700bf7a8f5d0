package dev.stophack.embedded.s3;

import static dev.stophack.embedded.s3.S3TestClient.get;
import static dev.stophack.embedded.s3.S3TestClient.keys;
import static dev.stophack.embedded.s3.S3TestClient.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EmbeddedS3Test {
    @TempDir
    Path tmp;

    @Test
    void keepsObjectsInItsDataDirectoryAcrossARestart() {
        Path data = tmp.resolve("s3");
        try (EmbeddedS3 s3 = new EmbeddedS3(data).start(); S3Client client = S3TestClient.of(s3)) {
            assertThat(s3.endpoint()).startsWith("http://127.0.0.1:");
            put(client, s3.bucket(), "events/process/a.json", "{\"a\":1}");
            put(client, s3.bucket(), "events/process/b.json", "{\"b\":2}");
            put(client, s3.bucket(), "models/process/ACTIVE", "{\"version\":1}");

            assertThat(keys(client, s3.bucket(), "events/"))
                    .containsExactly("events/process/a.json", "events/process/b.json");
            assertThat(get(client, s3.bucket(), "events/process/a.json")).isEqualTo("{\"a\":1}");
        }

        try (EmbeddedS3 s3 = new EmbeddedS3(data).start(); S3Client client = S3TestClient.of(s3)) {
            assertThat(keys(client, s3.bucket(), ""))
                    .containsExactly("events/process/a.json", "events/process/b.json", "models/process/ACTIVE");
            assertThat(get(client, s3.bucket(), "models/process/ACTIVE")).isEqualTo("{\"version\":1}");
        }
    }

    @Test
    void answersForADirectoryMarkerOnlyUnderItsSlashKeyAndDeletesItWithItsChildren() {
        try (EmbeddedS3 s3 = new EmbeddedS3(tmp.resolve("s3")).start(); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            // what hadoop-aws does: a marker for the directory, then a file under it
            put(client, bucket, "out/_temporary/", "");
            put(client, bucket, "out/_temporary/part-0", "x");

            assertThat(client.headObject(r -> r.bucket(bucket).key("out/_temporary/")).contentLength()).isZero();
            assertThatThrownBy(() -> client.headObject(r -> r.bucket(bucket).key("out/_temporary")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));

            // one bulk delete, marker listed before its child as S3 lists them
            client.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(
                    ObjectIdentifier.builder().key("out/_temporary/").build(),
                    ObjectIdentifier.builder().key("out/_temporary/part-0").build())));
            assertThat(keys(client, bucket, "out/")).isEmpty();
        }
    }

    @Test
    void createsItsBucketInMemoryAndRejectsAWrongSecret() {
        try (EmbeddedS3 s3 = new EmbeddedS3(0, null, "k", "right-secret", "other").start()) {
            assertThat(s3.persistent()).isFalse();
            try (S3Client client = S3TestClient.of(s3, "right-secret")) {
                assertThat(client.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("other");
            }
            try (S3Client client = S3TestClient.of(s3, "wrong-secret")) {
                assertThatThrownBy(() -> client.listObjectsV2(r -> r.bucket("other")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
        }
    }
}
