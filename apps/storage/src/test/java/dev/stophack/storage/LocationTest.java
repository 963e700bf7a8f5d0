package dev.stophack.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationTest {
    @Test
    void parsesS3AndLocalLocations() {
        Location s3 = Location.parse("s3a://stophack/models/");
        assertThat(s3.isS3()).isTrue();
        assertThat(s3.bucket()).isEqualTo("stophack");
        assertThat(s3.prefix()).isEqualTo("models");
        assertThat(Location.parse("s3://b").prefix()).isEmpty();
        Location local = Location.parse("/tmp/models");
        assertThat(local.isS3()).isFalse();
        assertThat(local.directory()).isEqualTo(Path.of("/tmp/models"));
        assertThat(Location.parse("file:/tmp/x").directory()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void rejectsWhatItCannotOpen() {
        assertThatThrownBy(() -> Location.parse("hdfs://nn/x")).hasMessageContaining("unsupported scheme");
        assertThatThrownBy(() -> Location.parse("s3a:///x")).hasMessageContaining("no bucket");
        assertThatThrownBy(() -> Location.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void localStoreRoundTripAndStaysInsideItsRoot(@TempDir Path dir) throws Exception {
        LocalBlobStore store = new LocalBlobStore(dir);
        store.put("a/b.txt", "hi".getBytes(StandardCharsets.UTF_8));
        store.put("a/c.txt", "ho".getBytes(StandardCharsets.UTF_8));
        assertThat(store.list("a/")).containsExactly("a/b.txt", "a/c.txt");
        assertThat(store.get("a/b.txt")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("hi"));
        store.delete("a/b.txt");
        store.delete("a/b.txt");
        assertThat(store.get("a/b.txt")).isEmpty();
        assertThat(store.list("")).containsExactly("a/c.txt");
        assertThatThrownBy(() -> store.get("../escape")).isInstanceOf(IllegalArgumentException.class);
    }
}
