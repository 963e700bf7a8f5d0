package dev.stophack.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stophack.api.events.EventKind;

/**
 * One version of a model as the registry stores it (the Kubernetes resource of the same version
 * is {@code ModelVersion}, see {@code dev.stophack.api.rollout}).
 *
 * @param kind     process or memory
 * @param version  N of {@code v<N>}
 * @param modelUri the PipelineModel directory
 * @param metrics  the parsed metrics.json, or null while the version is being written
 */
public record StoredVersion(EventKind kind, int version, String modelUri, JsonNode metrics) {

    /** A version is complete once its metrics.json is there: training writes it last. */
    public boolean complete() {
        return metrics != null;
    }

    /** A metric such as {@code f1} or {@code auc}, looked up in {@code metrics} or at the top level. */
    public double metric(String name) {
        if (metrics == null) {
            return Double.NaN;
        }
        JsonNode node = metrics.path("metrics").path(name);
        if (node.isMissingNode()) {
            node = metrics.path(name);
        }
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** A version number as people write it, {@code 3} or {@code v3}; anything else is an IllegalArgumentException. */
    public static int parseNumber(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        try {
            int n = Integer.parseInt(t);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a version: '" + text + "' (expected a number like 3 or v3)");
        }
    }
}
