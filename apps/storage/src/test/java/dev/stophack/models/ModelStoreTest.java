package dev.stophack.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.LocalBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Writes what a finished training writes, without Spark: a metadata file and metrics.json. */
    static void writeVersion(BlobStore blobs, ModelStore store, EventKind kind, int n, double f1) throws Exception {
        blobs.put(kind.id() + "/v" + n + "/model/metadata/part-00000", "{}".getBytes(StandardCharsets.UTF_8));
        store.putFile(kind, n, "metrics.json",
                ("{\"metrics\":{\"f1\":" + f1 + ",\"auc\":0.9},\"algorithm\":\"dt\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersVersionsFromOneAndNeverReusesANumber() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        ModelStore store = new ModelStore(blobs, CLOCK);
        assertThat(store.versions(EventKind.PROCESS)).isEmpty();
        int first = store.claimNextVersion(EventKind.PROCESS);
        assertThat(first).isEqualTo(1);
        // claimed but not finished: the next training still gets a new number
        assertThat(store.claimNextVersion(EventKind.PROCESS)).isEqualTo(2);
        writeVersion(blobs, store, EventKind.PROCESS, 1, 0.91);
        assertThat(store.claimNextVersion(EventKind.PROCESS)).isEqualTo(3);
        assertThat(store.claimNextVersion(EventKind.MEMORY)).as("kinds number independently").isEqualTo(1);

        List<StoredVersion> versions = store.versions(EventKind.PROCESS);
        assertThat(versions).extracting(StoredVersion::version).containsExactly(1, 2, 3);
        assertThat(versions.get(0).complete()).isTrue();
        assertThat(versions.get(0).metric("f1")).isEqualTo(0.91);
        assertThat(versions.get(1).complete()).isFalse();
        assertThat(versions.get(1).metric("f1")).isNaN();
        assertThat(versions.get(0).modelUri()).startsWith("file:").endsWith("/process/v1/model");
    }

    @Test
    void racingTrainingsGetDistinctVersions() throws Exception {
        ModelStore store = new ModelStore(new LocalBlobStore(dir));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                claims.add(pool.submit((Callable<Integer>) () -> store.claimNextVersion(EventKind.MEMORY)));
            }
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> f : claims) {
                got.add(f.get());
            }
            assertThat(got).doesNotHaveDuplicates().hasSize(12);
            Collections.sort(got);
            assertThat(got.get(0)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void activatesOnlyCompleteVersionsAndReadsThePointerBack() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        ModelStore store = new ModelStore(blobs, CLOCK);
        assertThat(store.active(EventKind.MEMORY)).isEmpty();
        assertThatThrownBy(() -> store.activate(EventKind.MEMORY, 1, "test"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no memory model v1");

        int n = store.claimNextVersion(EventKind.MEMORY);
        assertThatThrownBy(() -> store.activate(EventKind.MEMORY, n, "test")).hasMessageContaining("incomplete");
        store.putFile(EventKind.MEMORY, n, "metrics.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.activate(EventKind.MEMORY, n, "test")).hasMessageContaining("no saved PipelineModel");

        writeVersion(blobs, store, EventKind.MEMORY, n, 0.9);
        ActivePointer pointer = store.activate(EventKind.MEMORY, n, "first training");
        assertThat(pointer).isEqualTo(new ActivePointer(1, store.modelUri(EventKind.MEMORY, 1), CLOCK.instant(), "first training"));
        assertThat(store.active(EventKind.MEMORY)).contains(pointer);
        String json = new String(blobs.get("memory/ACTIVE").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"version\":1", "\"uri\":", "\"promotedAt\":\"2026-11-21T10:00:00Z\"", "\"reason\":\"first training\"");
        assertThat(store.active(EventKind.PROCESS)).isEmpty();
    }

    @Test
    void aCorruptPointerIsAnErrorNamingIt() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        blobs.put("process/ACTIVE", "not json".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new ModelStore(blobs).active(EventKind.PROCESS))
            .hasMessageContaining("process/ACTIVE").hasMessageContaining("not a valid pointer");
    }
}
