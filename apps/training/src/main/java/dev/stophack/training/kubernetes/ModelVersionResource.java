package dev.stophack.training.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.events.EventKind;
import dev.stophack.training.evaluate.ConfusionMatrix;
import java.time.Instant;

/**
 * The {@code ModelVersion} custom resource of DESIGN.md (group {@code stophack.dev}, version
 * {@code v1alpha1}) that training creates for a new model version, as the JSON the API server
 * takes. No Kubernetes client types: only Jackson.
 */
public final class ModelVersionResource {
    public static final String GROUP = "stophack.dev";
    public static final String VERSION = "v1alpha1";
    public static final String PLURAL = "modelversions";
    public static final String MANAGED_BY = "stophack-training";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelVersionResource() {
    }

    /** {@code process-v3}: a DNS-1123 name, one per kind and version. */
    public static String name(EventKind kind, int version) {
        return kind.id() + "-v" + version;
    }

    /** The path under the API server for {@code namespace}. */
    public static String collectionPath(String namespace) {
        return "/apis/" + GROUP + "/" + VERSION + "/namespaces/" + namespace + "/" + PLURAL;
    }

    public static ObjectNode body(EventKind kind, int version, String uri, String algorithm, ConfusionMatrix confusion,
                                  double auc, Instant trainedAt, long trainingRows) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", GROUP + "/" + VERSION);
        root.put("kind", "ModelVersion");
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", name(kind, version));
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put(GROUP + "/model", kind.id());
        ObjectNode spec = root.putObject("spec");
        spec.put("model", kind.id());
        spec.put("version", version);
        spec.put("uri", uri);
        spec.put("algorithm", algorithm);
        ObjectNode metrics = spec.putObject("metrics");
        number(metrics, "accuracy", confusion.accuracy());
        number(metrics, "precision", confusion.precision());
        number(metrics, "recall", confusion.recall());
        number(metrics, "f1", confusion.f1());
        number(metrics, "auc", auc);
        spec.put("trainedAt", trainedAt.toString());
        spec.put("trainingRows", trainingRows);
        return root;
    }

    /** JSON has no NaN: an undefined metric is null. */
    static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
