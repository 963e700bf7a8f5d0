package dev.stophack.training.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.ModelMetrics;
import dev.stophack.api.rollout.ModelVersionSpec;
import dev.stophack.api.rollout.Resources;
import dev.stophack.training.evaluate.ConfusionMatrix;
import java.time.Instant;

/**
 * The {@code ModelVersion} resource that training creates for a new model version, as the JSON
 * the API server takes. The spec is the api module's {@link ModelVersionSpec}, the class the
 * controller reads; no Kubernetes client types here (Spark ships its own fabric8).
 */
public final class ModelVersionResource {
    public static final String MANAGED_BY = "stophack-training";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelVersionResource() {
    }

    /** {@code process-v3}: a DNS-1123 name, one per kind and version. */
    public static String name(EventKind kind, int version) {
        return Resources.modelVersionName(kind.id(), version);
    }

    /** The path under the API server for {@code namespace}. */
    public static String collectionPath(String namespace) {
        return "/apis/" + Resources.API_VERSION + "/namespaces/" + namespace + "/" + Resources.MODEL_VERSIONS;
    }

    public static ModelVersionSpec spec(EventKind kind, int version, String uri, String algorithm, ConfusionMatrix confusion,
                                        double auc, Instant trainedAt, long trainingRows) {
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.model = kind.id();
        spec.version = version;
        spec.uri = uri;
        spec.algorithm = algorithm;
        spec.metrics = new ModelMetrics(defined(confusion.accuracy()), defined(confusion.precision()),
                defined(confusion.recall()), defined(confusion.f1()), defined(auc));
        spec.trainedAt = trainedAt.toString();
        spec.trainingRows = trainingRows;
        return spec;
    }

    public static ObjectNode body(EventKind kind, int version, String uri, String algorithm, ConfusionMatrix confusion,
                                  double auc, Instant trainedAt, long trainingRows) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", Resources.API_VERSION);
        root.put("kind", Resources.MODEL_VERSION_KIND);
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", name(kind, version));
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put(Resources.MODEL_LABEL, kind.id());
        root.set("spec", JSON.valueToTree(spec(kind, version, uri, algorithm, confusion, auc, trainedAt, trainingRows)));
        return root;
    }

    /** JSON has no NaN and the schema no null metric: an undefined metric is left out. */
    static Double defined(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
