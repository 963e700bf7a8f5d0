package dev.stophack.packaging.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * stophack.dev/v1alpha1 ModelRollout as the chart writes it, from the rollout contract (the spec the
 * controller reads). Unknown fields are refused; when the controller's CRD classes land, they
 * replace this.
 */
public final class ModelRolloutModel {
    private ModelRolloutModel() {
    }

    public record ModelRollout(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {
    }

    public enum Model { process, memory }

    public record Spec(String sparkApplication, String modelRoot, List<Model> models, Policy policy) {
    }

    public record Policy(double minF1, double minAuc, double maxRegression, Shadow shadow, Rollback rollback) {
    }

    public record Shadow(boolean enabled, String period, long minEvents, double maxDisagreement) {
    }

    public record Rollback(boolean automatic, double rateFactor, int minWindows) {
    }
}
