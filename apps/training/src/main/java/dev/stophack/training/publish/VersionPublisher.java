package dev.stophack.training.publish;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import dev.stophack.spark.ModelProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a trained model as a new version through {@link ModelStore}: claims {@code v<N>} (one
 * more than the highest present, safe against a racing training), saves the PipelineModel there
 * (Spark refuses to overwrite), adds the charts and report, and writes {@code metrics.json} last,
 * which marks the version complete, with the result of scoring the probe set ({@link ModelProbe})
 * with the saved model: the rollout gate refuses a version that failed it. The first version of
 * an empty store is activated if it passed the probe; later ones are not (promotion is a
 * decision, not a side effect of training).
 */
public final class VersionPublisher {
    public static final String FIRST_TRAINING = "first training into an empty model store";

    /** What was written. */
    public record Published(EventKind kind, int version, String modelUri, boolean activated, ModelProbe.Result probe) {
    }

    /** The version's own files, made once its number and URI are known. */
    public interface Files {
        /** name -> bytes, metrics.json excluded. */
        Map<String, byte[]> extras(int version, String modelUri);


        /** metrics.json, with what scoring the probe set with the saved model gave. */
        byte[] metrics(int version, String modelUri, ModelProbe.Result probe);
    }

    private VersionPublisher() {
    }

    public static Published publish(ModelStore store, EventKind kind, PipelineModel model, Files files) throws IOException {
        boolean empty = store.active(kind).isEmpty() && store.versions(kind).stream().noneMatch(StoredVersion::complete);
        int n = store.claimNextVersion(kind);
        String uri = store.modelUri(kind, n);
        model.write().save(uri);
        // the saved model, as the streaming job will load it, on the values real telemetry brings
        ModelProbe.Result probe = ModelProbe.run(SparkSession.active(), kind, PipelineModel.load(uri));
        for (Map.Entry<String, byte[]> e : files.extras(n, uri).entrySet()) {
            store.putFile(kind, n, e.getKey(), e.getValue());
        }
        store.putFile(kind, n, S3Layout.METRICS, files.metrics(n, uri, probe));
        boolean activated = false;
        if (empty && probe.passed()) {
            store.activate(kind, n, FIRST_TRAINING);
            activated = true;
        }
        return new Published(kind, n, uri, activated, probe);
    }

    /** UTF-8 bytes of a text file. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
