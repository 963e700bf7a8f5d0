package dev.stophack.models;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.LocalBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seeds an empty model store with the baseline models committed under {@code models/}, so the
 * demo (and the fault scenarios) score from the first minute instead of training first. Kinds that already have an
 * ACTIVE model are left alone: promotion is a decision, and the demo's store may hold newer ones.
 */
public final class BaselineModels {
    private BaselineModels() {
    }

    /** Copies and activates the newest baseline of every kind without an ACTIVE model; returns what it did. */
    public static List<String> seed(Path baselineDir, BlobStore target) throws IOException {
        List<String> done = new ArrayList<>();
        LocalBlobStore source = new LocalBlobStore(baselineDir);
        ModelStore sourceModels = new ModelStore(source);
        ModelStore targetModels = new ModelStore(target);
        for (EventKind kind : EventKind.values()) {
            if (targetModels.active(kind).isPresent()) {
                continue;
            }
            Optional<Integer> newest = sourceModels.versions(kind).stream()
                    .filter(v -> v.complete()).map(v -> v.version()).reduce(Math::max);
            if (newest.isEmpty()) {
                done.add("no baseline " + kind + " model in " + baselineDir);
                continue;
            }
            int version = targetModels.claimNextVersion(kind);
            String from = S3Layout.versionFolder(kind, newest.get()) + "/";
            String to = S3Layout.versionFolder(kind, version) + "/";
            List<String> keys = source.list(from);
            String metrics = from + S3Layout.METRICS;
            for (String key : keys) {
                if (!key.equals(metrics) && !key.endsWith(".crc") && !key.contains("/" + S3Layout.CLAIM_PREFIX)) {
                    target.put(to + key.substring(from.length()), Files.readAllBytes(baselineDir.resolve(key)));
                }
            }
            target.put(to + S3Layout.METRICS, Files.readAllBytes(baselineDir.resolve(metrics))); // last: marks it complete
            ActivePointer pointer = targetModels.activate(kind, version, "baseline shipped with stophack (models/)");
            done.add(kind + " v" + version + " (baseline v" + newest.get() + ") active: " + pointer.uri());
        }
        return done;
    }
}
