package dev.stophack.query.data;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.spark.OutputSchemas;
import java.util.Locale;
import org.apache.spark.sql.types.StructType;

/** The tables {@code stophack query} registers: one per streaming output, plus the model history. */
public enum Table {
    PROCESS_EVENTS(S3Layout.events(EventKind.PROCESS), OutputSchemas.events(EventKind.PROCESS),
            "every process event the streaming job persisted, normalised and scored"),
    MEMORY_EVENTS(S3Layout.events(EventKind.MEMORY), OutputSchemas.events(EventKind.MEMORY),
            "every memory event the streaming job persisted, normalised and scored"),
    POTENTIAL_ATTACKS(S3Layout.POTENTIAL_ATTACKS, OutputSchemas.potentialAttacks(),
            "per machine and closed 2-minute window: distinct CMD_PIDs predicted as attack"),
    DETECTED_ATTACKS(S3Layout.DETECTED_ATTACKS, OutputSchemas.detectedAttacks(),
            "a process and a memory event of one machine and CMD_PID, both attacks, < 30 s apart"),
    DEADLETTER(S3Layout.DEADLETTER, OutputSchemas.deadLetters(),
            "records the streaming job could not read, with the reason"),
    WEBLOG_EVENTS(S3Layout.WEBLOG_EVENTS, OutputSchemas.weblogEvents(),
            "every web access-log line the streaming job read, parsed"),
    RATELIMIT_ALERTS(S3Layout.RATELIMIT_ALERTS, OutputSchemas.rateLimitAlerts(),
            "a host over the rate limit in a sliding window, blocked until its rate falls back"),
    ERRORSURGE_ALERTS(S3Layout.ERRORSURGE_ALERTS, OutputSchemas.errorSurgeAlerts(),
            "an HTTP error surge against the learnt baseline, or a URL-busting scan from one host"),
    MODEL_HISTORY(S3Layout.MODELS, ModelHistory.SCHEMA,
            "every rollout decision of both models (models/<kind>/HISTORY.jsonl)");

    private final String path;
    private final StructType schema;
    private final String meaning;

    Table(String path, StructType schema, String meaning) {
        this.path = path;
        this.schema = schema;
        this.meaning = meaning;
    }

    /** The name queries use: {@code process_events}, ... */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where it is read from, under the data root. */
    public String path() {
        return path;
    }

    /** Its columns, as the streaming job writes them (and as an empty table has them). */
    public StructType schema() {
        return schema;
    }

    public String meaning() {
        return meaning;
    }
}
