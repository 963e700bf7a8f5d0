package dev.stophack.controller.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the streaming job's {@code SparkApplication} (spark-operator, {@code v1beta2}) to tell
 * whether it runs. The controller never changes it: a model switch needs no restart.
 */
public final class SparkApplicationState {
    public static final String API_VERSION = "sparkoperator.k8s.io/v1beta2";
    public static final String KIND = "SparkApplication";
    static final String RUNNING = "RUNNING";

    private SparkApplicationState() {
    }

    /** Empty when the job runs; else why the rollout cannot count on it. */
    public static Optional<String> problem(KubernetesClient client, String namespace, String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        GenericKubernetesResource app;
        try {
            app = client.genericKubernetesResources(API_VERSION, KIND).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            return Optional.of("cannot read SparkApplication " + name + ": " + e.getMessage());
        }
        if (app == null) {
            return Optional.of("SparkApplication " + name + " does not exist");
        }
        String state = state(app.getAdditionalProperties());
        return RUNNING.equals(state) ? Optional.empty()
                : Optional.of("SparkApplication " + name + " is " + (state == null ? "not started" : state));
    }

    @SuppressWarnings("unchecked")
    static String state(Map<String, Object> properties) {
        Object status = properties.get("status");
        if (!(status instanceof Map)) {
            return null;
        }
        Object appState = ((Map<String, Object>) status).get("applicationState");
        if (!(appState instanceof Map)) {
            return null;
        }
        Object state = ((Map<String, Object>) appState).get("state");
        return state == null ? null : state.toString();
    }
}
