package dev.stophack.embedded.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listing over files laid out as S3Proxy's nio2 store lays them out. */
class KeyListingTest {
    @TempDir
    Path root;

    @Test
    void hidesTheTemporaryFileOfAWriteInProgressButNotAKeyThatLooksLikeOne() throws IOException {
        String temporary = "dir/k-" + UUID.randomUUID();
        object("dir/k");
        // the moment between S3Proxy writing the attributes of its temporary file and renaming it
        object(temporary);
        UploadsInProgress uploads = new UploadsInProgress();

        uploads.begin("dir/k");
        assertThat(list(uploads, "dir/")).containsExactly("dir/k");
        uploads.end("dir/k");

        // nothing writes dir/k now: a key named so is an object like any other
        assertThat(list(uploads, "dir/")).containsExactly("dir/k", temporary);
    }

    @Test
    void aWatchRemembersWritesThatEndedWhileItWasOpen() {
        UploadsInProgress uploads = new UploadsInProgress();
        String temporary = "k-" + UUID.randomUUID();
        try (UploadsInProgress.Watch watch = uploads.watch(); UploadsInProgress.Watch other = uploads.watch()) {
            uploads.begin("k");
            uploads.end("k");
            assertThat(watch.isTemporary(temporary)).isTrue();
            other.close();
            assertThat(watch.isTemporary("k-not-a-uuid")).isFalse();
            assertThat(watch.isTemporary("j-" + UUID.randomUUID())).isFalse();
        }
        try (UploadsInProgress.Watch later = uploads.watch()) {
            assertThat(later.isTemporary(temporary)).isFalse();
        }
    }

    private List<String> list(UploadsInProgress uploads, String prefix) {
        return KeyListing.list(new StoreFiles(root), uploads, "bucket", new ListContainerOptions().prefix(prefix))
                .stream().map(StorageMetadata::getName).collect(Collectors.toList());
    }

    private void object(String key) throws IOException {
        Path file = root.resolve("bucket").resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, key);
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class)
                .write("user.content-md5", ByteBuffer.wrap(new byte[16]));
    }
}
