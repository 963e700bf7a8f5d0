package dev.stophack.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry through the plain S3 client against a real S3 endpoint. */
class ModelStoreOnS3Test {
    @RegisterExtension
    static final TestServices services = TestServices.builder().s3().build();

    @Test
    void versionsPointerAndRacingClaimsThroughS3() throws Exception {
        S3BlobStore blobs = new S3BlobStore(services.s3Client(), services.bucket(), "models");
        ModelStore store = new ModelStore(blobs);
        int n = store.claimNextVersion(EventKind.PROCESS);
        ModelStoreTest.writeVersion(blobs, store, EventKind.PROCESS, n, 0.93);
        ActivePointer pointer = store.activate(EventKind.PROCESS, n, "s3 test");
        assertThat(pointer.uri()).isEqualTo("s3a://" + services.bucket() + "/models/process/v1/model");
        assertThat(store.active(EventKind.PROCESS)).contains(pointer);
        assertThat(store.versions(EventKind.PROCESS)).singleElement()
                .satisfies(v -> assertThat(v.metric("f1")).isEqualTo(0.93));
        // the same object through the client, at the layout's key
        String raw = services.s3Client().getObjectAsBytes(b -> b.bucket(services.bucket()).key("models/process/ACTIVE"))
                .asString(StandardCharsets.UTF_8);
        assertThat(raw).contains("\"version\":1");

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                claims.add(pool.submit(() -> store.claimNextVersion(EventKind.PROCESS)));
            }
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> f : claims) {
                got.add(f.get());
            }
            assertThat(got).doesNotHaveDuplicates().allMatch(v -> v > 1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two controllers, or a controller and {@code stophack models activate}: one decision wins, on real S3. */
    @Test
    void racingPointerDecisionsThroughS3() throws Exception {
        S3BlobStore blobs = new S3BlobStore(services.s3Client(), services.bucket(), "race-models");
        ModelStore store = DecisionLogTest.storeWithVersions(blobs, java.time.Clock.systemUTC(), EventKind.MEMORY, 6);
        for (int round = 0; round < 3; round++) {
            DecisionLogTest.raceOnce(store, EventKind.MEMORY);
        }
        String history = services.s3Client().getObjectAsBytes(b -> b.bucket(services.bucket())
                .key("race-models/memory/HISTORY.jsonl")).asString(StandardCharsets.UTF_8);
        assertThat(history.split("\n")).hasSize(3);
    }
}
