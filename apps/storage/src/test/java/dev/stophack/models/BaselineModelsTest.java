package dev.stophack.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.storage.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds a store from the baseline models committed in the repository. */
class BaselineModelsTest {
    private static final Path BASELINE = Path.of("../../models").toAbsolutePath().normalize();

    @Test
    void copiesAndActivatesEachKindOnceThenLeavesTheStoreAlone(@TempDir Path dir) throws Exception {
        LocalBlobStore target = new LocalBlobStore(dir);
        assertThat(BaselineModels.seed(BASELINE, target)).hasSize(2).allMatch(line -> line.contains("active"));
        ModelStore models = new ModelStore(target);
        for (EventKind kind : EventKind.values()) {
            StoredVersion v = models.versions(kind).get(0);
            assertThat(v.complete()).isTrue();
            assertThat(v.metric("f1")).isBetween(0.5, 1.0);
            assertThat(models.active(kind).orElseThrow().version()).isEqualTo(v.version());
            assertThat(Files.isDirectory(dir.resolve(kind.id() + "/v1/model/metadata"))).isTrue();
        }
        // a second run finds both kinds active and copies nothing
        assertThat(BaselineModels.seed(BASELINE, target)).isEmpty();
        assertThat(models.versions(EventKind.PROCESS)).hasSize(1);
    }
}
