package dev.stophack.api.rollout;

/** The names of stophack's Kubernetes resources: group, version, kinds and plurals. */
public final class Resources {
    public static final String GROUP = "stophack.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String MODEL_VERSION_KIND = "ModelVersion";
    public static final String MODEL_VERSIONS = "modelversions";
    public static final String MODEL_ROLLOUT_KIND = "ModelRollout";
    public static final String MODEL_ROLLOUTS = "modelrollouts";
    /** Label of a ModelVersion: its model kind, so a rollout can select one kind's versions. */
    public static final String MODEL_LABEL = GROUP + "/model";
    /** Annotation on a ModelRollout asking for a rollback: {@code process=v3}, or {@code v3} when it manages one kind. */
    public static final String ROLLBACK_ANNOTATION = GROUP + "/rollback-to";

    private Resources() {
    }

    /** {@code process-v3}: the DNS-1123 name of one kind's version. */
    public static String modelVersionName(String model, int version) {
        return model + "-v" + version;
    }
}
