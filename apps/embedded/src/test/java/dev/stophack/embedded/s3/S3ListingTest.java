package dev.stophack.embedded.s3;

import static dev.stophack.embedded.s3.S3TestClient.keys;
import static dev.stophack.embedded.s3.S3TestClient.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ListObjectsV2 on the embedded S3 answers as S3 does, on both stores: what s3a's
 * {@code getFileStatus}, {@code listStatus} and {@code delete} read.
 */
class S3ListingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void listsAPrefixsOwnMarkerAsAKeyOfItsOwn(boolean onDisk) {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            // s3a's mkdirs, then its getFileStatus: a listing of "dir/" with "/" and at most 2 keys
            put(client, bucket, "plain/checkpoint/", "");
            ListObjectsV2Response empty = client.listObjectsV2(r -> r.bucket(bucket)
                    .prefix("plain/checkpoint/").delimiter("/").maxKeys(2));
            assertThat(empty.contents()).extracting(S3Object::key).containsExactly("plain/checkpoint/");
            assertThat(empty.contents().get(0).size()).isZero();
            assertThat(empty.contents().get(0).eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
            assertThat(empty.commonPrefixes()).isEmpty();
            assertThat(empty.isTruncated()).isFalse();

            put(client, bucket, "plain/checkpoint/offsets/", "");
            put(client, bucket, "plain/checkpoint/metadata", "{}");
            put(client, bucket, "plain/checkpoint/sources/0/0", "v1");
            ListObjectsV2Response dir = client.listObjectsV2(r -> r.bucket(bucket)
                    .prefix("plain/checkpoint/").delimiter("/"));
            assertThat(dir.contents()).extracting(S3Object::key)
                    .containsExactly("plain/checkpoint/", "plain/checkpoint/metadata");
            assertThat(dir.commonPrefixes()).extracting(CommonPrefix::prefix)
                    .containsExactly("plain/checkpoint/offsets/", "plain/checkpoint/sources/");

            // without a delimiter every marker is a key, in key order
            assertThat(keys(client, bucket, "plain/")).containsExactly(
                    "plain/checkpoint/", "plain/checkpoint/metadata", "plain/checkpoint/offsets/",
                    "plain/checkpoint/sources/0/0");
            assertThat(keys(client, bucket, "plain/checkpoint/o")).containsExactly("plain/checkpoint/offsets/");
            // a prefix that is not a marker's lists the keys under it, not itself
            assertThat(keys(client, bucket, "plain/checkpoint/sources/")).containsExactly("plain/checkpoint/sources/0/0");
        }
    }

    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void pagesThroughKeysAndCommonPrefixesOnceEach(boolean onDisk) {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            for (String key : List.of("p/", "p/a", "p/b/", "p/b/1", "p/b/2", "p/c-1", "p/c/x", "p/d")) {
                put(client, bucket, key, key.endsWith("/") ? "" : "x");
            }
            List<String> seen = new ArrayList<>();
            client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("p/").delimiter("/").maxKeys(1))
                    .forEach(page -> {
                        page.contents().forEach(o -> seen.add(o.key()));
                        page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
                    });
            // "-" sorts before "/": p/c-1 comes before the prefix p/c/
            assertThat(seen).containsExactly("p/", "p/a", "p/b/", "p/c-1", "p/c/", "p/d");

            List<String> all = client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("p/").maxKeys(3))
                    .contents().stream().map(S3Object::key).collect(Collectors.toList());
            assertThat(all).containsExactly("p/", "p/a", "p/b/", "p/b/1", "p/b/2", "p/c-1", "p/c/x", "p/d");
        }
    }

    @Test
    void skipsAFileThatHasNoObjectAttributesYet() throws Exception {
        Path data = tmp.resolve("s3");
        try (EmbeddedS3 s3 = new EmbeddedS3(data).start(); S3Client client = S3TestClient.of(s3)) {
            put(client, s3.bucket(), "out/part-0", "x");
            // what S3Proxy's temporary file looks like between its bytes and its attributes
            Files.writeString(s3.dataDir().resolve(s3.bucket()).resolve("out/part-1-being-written"), "y");

            assertThat(keys(client, s3.bucket(), "out/")).containsExactly("out/part-0");
            assertThat(keys(client, s3.bucket(), "")).containsExactly("out/part-0");
        }
    }

    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void showsAMultipartUploadOnlyOnceComplete(boolean onDisk) {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            put(client, bucket, "big/other", "x");
            String upload = client.createMultipartUpload(r -> r.bucket(bucket).key("big/file")).uploadId();
            String eTag = client.uploadPart(r -> r.bucket(bucket).key("big/file").uploadId(upload).partNumber(1),
                    RequestBody.fromString("part one")).eTag();

            assertThat(keys(client, bucket, "")).containsExactly("big/other");
            assertThat(client.listObjectsV2(r -> r.bucket(bucket).delimiter("/")).commonPrefixes())
                    .extracting(CommonPrefix::prefix).containsExactly("big/");

            client.completeMultipartUpload(r -> r.bucket(bucket).key("big/file").uploadId(upload)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag))));
            assertThat(keys(client, bucket, "")).containsExactly("big/file", "big/other");
        }
    }

    /**
     * S3 lists what is there: a listing that meets files being written and deleted (what a Spark
     * commit does beside a reader) neither fails nor loses the files that stay. Not a proof, a
     * sieve: each round has a chance to meet a file in flux.
     */
    @ParameterizedTest(name = "on disk: {0}")
    @ValueSource(booleans = {false, true})
    void listsTheStableKeysWhileOthersComeAndGo(boolean onDisk) throws Exception {
        try (EmbeddedS3 s3 = start(onDisk); S3Client client = S3TestClient.of(s3); S3Client writer = S3TestClient.of(s3)) {
            String bucket = s3.bucket();
            List<String> stable = List.of("churn/a", "churn/m", "churn/z");
            stable.forEach(key -> put(client, bucket, key, key));

            AtomicBoolean listing = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread churn = new Thread(() -> {
                try {
                    for (int i = 0; listing.get(); i++) {
                        String key = "churn/f-" + (i % 7);
                        put(writer, bucket, key, "content " + i);
                        writer.deleteObject(r -> r.bucket(bucket).key(key));
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            });
            churn.start();
            try {
                for (int round = 0; round < 300; round++) {
                    assertThat(keys(client, bucket, "churn/"))
                            .containsAll(stable)
                            .allMatch(key -> stable.contains(key) || key.matches("churn/f-[0-6]"));
                }
            } finally {
                listing.set(false);
                churn.join();
            }
            assertThat(writerFailure.get()).isNull();
        }
    }

    private EmbeddedS3 start(boolean onDisk) {
        return (onDisk ? new EmbeddedS3(tmp.resolve("s3")) : new EmbeddedS3()).start();
    }
}
