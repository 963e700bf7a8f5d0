package dev.stophack.storage;

import dev.stophack.events.EventKind;

/**
 * The S3 layout of DESIGN.md, in one place: every key prefix stophack reads or writes in its
 * bucket. Paths are relative to the bucket root and end without a slash.
 */
public final class S3Layout {
    public static final String EVENTS = "events";
    public static final String POTENTIAL_ATTACKS = "attacks/potential";
    public static final String DETECTED_ATTACKS = "attacks/detected";
    public static final String DEADLETTER = "deadletter";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String MODELS = "models";
    public static final String ACTIVE = "ACTIVE";

    /** In a model version: the Spark PipelineModel directory. */
    public static final String MODEL_DIR = "model";
    /** In a model version: metrics, confusion matrix, algorithm, params; written last, so it marks a complete version. */
    public static final String METRICS = "metrics.json";
    /** In a model version: the ROC curve. */
    public static final String ROC = "roc.png";
    /** In a model version: the training report. */
    public static final String REPORT = "report.md";

    private S3Layout() {
    }

    /** {@code events/process} or {@code events/memory}: normalised events as parquet. */
    public static String events(EventKind kind) {
        return EVENTS + "/" + kind.id();
    }

    /** {@code checkpoints/<query>}: a Structured Streaming query's checkpoint. */
    public static String checkpoint(String query) {
        return CHECKPOINTS + "/" + query;
    }

    /** {@code models/<kind>}: every version of one kind's model. */
    public static String models(EventKind kind) {
        return MODELS + "/" + kind.id();
    }

    /** {@code models/<kind>/v<N>}: one version: model/, metrics.json, roc.png, report.md. */
    public static String modelVersion(EventKind kind, int version) {
        return MODELS + "/" + versionFolder(kind, version);
    }

    /** {@code models/<kind>/ACTIVE}: the pointer to the version in use. */
    public static String activePointer(EventKind kind) {
        return MODELS + "/" + activeFile(kind);
    }

    /**
     * {@code <kind>/v<N>}: a version's folder relative to the model root ({@code models/} in the
     * bucket, or a local directory).
     */
    public static String versionFolder(EventKind kind, int version) {
        return kind.id() + "/v" + version;
    }

    /** {@code <kind>/ACTIVE} relative to the model root. */
    public static String activeFile(EventKind kind) {
        return kind.id() + "/" + ACTIVE;
    }

    /** {@code s3a://bucket/path}: the same key as Spark's hadoop-aws sees it. */
    public static String s3a(String bucket, String path) {
        return "s3a://" + bucket + "/" + path;
    }
}
