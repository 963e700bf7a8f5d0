package dev.stophack.controller.testing;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes model versions as training leaves them in the store, without Spark: a saved model's
 * metadata, then metrics.json (last, it marks the version complete) with F1, AUC and the probe
 * result.
 */
public final class StoredModels {
    private StoredModels() {
    }

    public static void version(BlobStore blobs, EventKind kind, int n, double f1, double auc, boolean probePassed)
            throws IOException {
        blobs.put(S3Layout.modelMetadata(kind, n) + "part-00000", "{}".getBytes(StandardCharsets.UTF_8));
        String probe = probePassed ? "{\"passed\":true,\"rows\":40,\"scored\":40,\"failure\":null}"
                : "{\"passed\":false,\"rows\":40,\"scored\":0,\"failure\":\"VectorAssembler: values to assemble cannot be null\"}";
        String metrics = String.format(Locale.ROOT,
                "{\"algorithm\":\"gbt\",\"metrics\":{\"f1\":%s,\"auc\":%s},\"probe\":%s}", f1, auc, probe);
        blobs.put(S3Layout.versionFolder(kind, n) + "/" + S3Layout.METRICS, metrics.getBytes(StandardCharsets.UTF_8));
    }

    public static void good(BlobStore blobs, EventKind kind, int n) throws IOException {
        version(blobs, kind, n, 0.9, 0.95, true);
    }
}
