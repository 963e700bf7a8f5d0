package dev.stophack.training.publish;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;

/**
 * Writes a trained model as a new version through {@link ModelStore}: claims {@code v<N>} (one
 * more than the highest present, safe against a racing training), saves the PipelineModel there
 * (Spark refuses to overwrite), adds the charts and report, and writes {@code metrics.json} last,
 * which marks the version complete. The first version of an empty store is activated; later ones
 * are not (promotion is a decision, not a side effect of training).
 */
public final class VersionPublisher {
    public static final String FIRST_TRAINING = "first training into an empty model store";

    /** What was written. */
    public record Published(EventKind kind, int version, String modelUri, boolean activated) {
    }

    /** The version's own files, made once its number and URI are known. */
    public interface Files {
        /** name -> bytes, metrics.json excluded. */
        Map<String, byte[]> extras(int version, String modelUri);

        byte[] metrics(int version, String modelUri);
    }

    private VersionPublisher() {
    }

    public static Published publish(ModelStore store, EventKind kind, PipelineModel model, Files files) throws IOException {
        boolean empty = store.active(kind).isEmpty() && store.versions(kind).stream().noneMatch(StoredVersion::complete);
        int n = store.claimNextVersion(kind);
        String uri = store.modelUri(kind, n);
        model.write().save(uri);
        for (Map.Entry<String, byte[]> e : files.extras(n, uri).entrySet()) {
            store.putFile(kind, n, e.getKey(), e.getValue());
        }
        store.putFile(kind, n, S3Layout.METRICS, files.metrics(n, uri));
        boolean activated = false;
        if (empty) {
            store.activate(kind, n, FIRST_TRAINING);
            activated = true;
        }
        return new Published(kind, n, uri, activated);
    }

    /** UTF-8 bytes of a text file. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
