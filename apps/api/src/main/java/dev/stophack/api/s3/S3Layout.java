package dev.stophack.api.s3;

import dev.stophack.api.events.EventKind;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 layout, in one place: every key stophack reads or writes in its bucket. Paths are
 * relative to the bucket root and end without a slash. Keys under {@code models/} are also given
 * relative to the model root ({@code models/} in the bucket, or a local directory), which is
 * where the model registry works.
 *
 * <pre>
 * events/process/  events/memory/     normalised events, parquet, partitioned by date=
 * events/weblog/                      parsed web access-log lines, partitioned by date=
 * attacks/potential/                  per machine, per 2-minute window, distinct CMD_PIDs predicted as attack
 * attacks/detected/                   process+memory join rows
 * alerts/ratelimit/                   the rate limiter's blocklist decisions
 * alerts/errorsurge/                  error surges and URL-busting scans in the access log
 * deadletter/                         unreadable telemetry with reason
 * deadletter-weblog/                  unreadable access-log lines with reason
 * checkpoints/&lt;query&gt;/               Structured Streaming checkpoints
 * models/&lt;kind&gt;/v&lt;N&gt;/                model/, metrics.json, roc.png, report.md, shadow/
 * models/&lt;kind&gt;/ACTIVE                the version the streaming job scores with
 * models/&lt;kind&gt;/CANDIDATE             a version the streaming job scores in the shadow of ACTIVE
 * models/&lt;kind&gt;/HISTORY.jsonl         every rollout decision, one JSON object a line
 * models/&lt;kind&gt;/decisions/g&lt;N&gt;.json     decision N: the log ACTIVE, CANDIDATE and HISTORY are views of
 * models/&lt;kind&gt;/decisions/g&lt;N&gt;/        the claims of the writers that raced for number N
 * </pre>
 */
public final class S3Layout {
    public static final String EVENTS = "events";
    public static final String POTENTIAL_ATTACKS = "attacks/potential";
    public static final String DETECTED_ATTACKS = "attacks/detected";
    public static final String DEADLETTER = "deadletter";
    /** Parsed web access-log lines: {@code AccessLogColumns}, Kafka coordinates, {@code date}. */
    public static final String WEBLOG_EVENTS = EVENTS + "/weblog";
    /** The rate limiter's decisions: {@code BlocklistDecision}'s fields, {@code date} of the window. */
    public static final String RATELIMIT_ALERTS = "alerts/ratelimit";
    /** Error surges and URL-busting scans: {@code WeblogAlert}'s fields, {@code date} of the window. */
    public static final String ERRORSURGE_ALERTS = "alerts/errorsurge";
    /**
     * Access-log lines the streaming job could not read: {@code DeadLetter}'s fields. Not under
     * {@code deadletter/}: Spark's file sink keeps one commit log per directory for one query, and
     * a folder inside another output's partitions would trip readers that list by partition.
     */
    public static final String WEBLOG_DEADLETTER = "deadletter-weblog";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String MODELS = "models";
    /** Parquet outputs are partitioned by this column, Hive-style ({@code date=2024-03-01/}). */
    public static final String DATE_PARTITION = "date";

    /** The pointer to the active version: {@code ActivePointer} JSON. */
    public static final String ACTIVE = "ACTIVE";
    /** The pointer to a version in its shadow period: {@code CandidatePointer} JSON. */
    public static final String CANDIDATE = "CANDIDATE";
    /** Every rollout decision of a kind, one {@code HistoryEntry} JSON object a line. */
    public static final String HISTORY = "HISTORY.jsonl";

    /** In a model version: the Spark PipelineModel directory. */
    public static final String MODEL_DIR = "model";
    /** In a model's directory: what Spark writes first; a saved model has it. */
    public static final String MODEL_METADATA = "metadata";
    /** In a model version: metrics, confusion matrix, algorithm, params; written last, so it marks a complete version. */
    public static final String METRICS = "metrics.json";
    /** In a model version: the ROC curve. */
    public static final String ROC = "roc.png";
    /** In a model version: the training report. */
    public static final String REPORT = "report.md";
    /** In a model version: what its shadow scoring saw, one JSON line per streaming batch. */
    public static final String SHADOW = "shadow";
    /** The log of rollout decisions, one object per decision. */
    public static final String DECISIONS = "decisions";
    /** In a model kind's folder, before a version number is taken: one claim object per contender. */
    public static final String CLAIM_PREFIX = "_claim-";

    private static final Pattern VERSION_KEY = Pattern.compile("^([a-z]+)/v(\\d+)/.*$");

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
     * {@code <kind>/v<N>}: a version's folder relative to the model root.
     */
    public static String versionFolder(EventKind kind, int version) {
        return kind.id() + "/v" + version;
    }

    /** {@code <kind>/v} relative to the model root: the prefix every version's keys start with. */
    public static String versionPrefix(EventKind kind) {
        return kind.id() + "/v";
    }

    /** {@code <kind>/v<N>/model/metadata/} relative to the model root: present once the model is saved. */
    public static String modelMetadata(EventKind kind, int version) {
        return versionFolder(kind, version) + "/" + MODEL_DIR + "/" + MODEL_METADATA + "/";
    }

    /** {@code <kind>/v<N>/shadow/} relative to the model root. */
    public static String shadowFolder(EventKind kind, int version) {
        return versionFolder(kind, version) + "/" + SHADOW + "/";
    }

    /** {@code <kind>/ACTIVE} relative to the model root. */
    public static String activeFile(EventKind kind) {
        return kind.id() + "/" + ACTIVE;
    }

    /** {@code <kind>/CANDIDATE} relative to the model root. */
    public static String candidateFile(EventKind kind) {
        return kind.id() + "/" + CANDIDATE;
    }

    /** {@code <kind>/HISTORY.jsonl} relative to the model root. */
    public static String historyFile(EventKind kind) {
        return kind.id() + "/" + HISTORY;
    }

    /** {@code <kind>/decisions/} relative to the model root: the decision log. */
    public static String decisionsFolder(EventKind kind) {
        return kind.id() + "/" + DECISIONS + "/";
    }

    /** {@code <kind>/decisions/g<N>.json}: decision N. */
    public static String decision(EventKind kind, long generation) {
        return decisionsFolder(kind) + "g" + generation + ".json";
    }

    /** {@code <kind>/decisions/g<N>/}: where writers racing for decision N put their claims. */
    public static String decisionClaims(EventKind kind, long generation) {
        return decisionsFolder(kind) + "g" + generation + "/";
    }

    /** The generation N of a key {@code <kind>/decisions/g<N>.json}, if it is one. */
    public static OptionalLong generationOf(EventKind kind, String key) {
        String prefix = decisionsFolder(kind) + "g";
        if (key.startsWith(prefix) && key.endsWith(".json")) {
            String digits = key.substring(prefix.length(), key.length() - ".json".length());
            if (!digits.isEmpty() && digits.length() < 19 && digits.chars().allMatch(Character::isDigit)) {
                return OptionalLong.of(Long.parseLong(digits));
            }
        }
        return OptionalLong.empty();
    }

    /** The version number N of a key {@code <kind>/v<N>/...} relative to the model root, if it is one. */
    public static OptionalInt versionOf(EventKind kind, String key) {
        Matcher m = VERSION_KEY.matcher(key);
        if (m.matches() && m.group(1).equals(kind.id())) {
            try {
                return OptionalInt.of(Integer.parseInt(m.group(2)));
            } catch (NumberFormatException e) {
                return OptionalInt.empty(); // more digits than an int: not one of ours
            }
        }
        return OptionalInt.empty();
    }

    /** {@code s3a://bucket/path}: the same key as Spark's hadoop-aws sees it. */
    public static String s3a(String bucket, String path) {
        return "s3a://" + bucket + "/" + path;
    }
}
