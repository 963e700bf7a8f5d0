package dev.stophack.api.kafka;

import dev.stophack.api.events.EventKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of stophack: one place for their names, what they carry and how long a broker
 * keeps them. The embedded broker, the streaming job and the Helm chart's KafkaTopics create them
 * from here.
 */
public final class Topics {
    /** Process events, key = machine id, value = one JSON event (see {@link EventKind}). */
    public static final String PROCESS = EventKind.PROCESS.topic();
    /** Memory events, key = machine id, value = one JSON event. */
    public static final String MEMORY = EventKind.MEMORY.topic();
    /** Live potential-attack counts, key = machine id, value = {@link AttackCount}. */
    public static final String ATTACK_COUNTS = "attack-counts";
    /** Detected attacks, key = machine id, value = {@link DetectedAttack}. */
    public static final String ATTACKS = "attacks";
    /** Unreadable input, key = source topic, value = {@link DeadLetter}. */
    public static final String DEADLETTER = "deadletter";
    /**
     * The streaming job's own: events scored as attacks plus per-kind heartbeats, from the
     * ingest query to the window and join queries; key = machine id, value = {@link AttackPrediction}.
     */
    public static final String ATTACK_PREDICTIONS = "attack-predictions";
    /**
     * The streaming job's progress, one record per ingest batch: models in use, events, predicted
     * attacks, dead letters, watermark; key = {@code "ingest"}, value = {@link StreamStatus}. What
     * a dashboard shows about detection without reading S3.
     */
    public static final String STREAM_STATUS = "stream-status";
    /**
     * Web access-log lines, key = the client host (the line's first field), value = the line as
     * the server wrote it (Apache common or combined format, or the seed's
     * {@code [yyyy-MM-dd HH:mm:ss]} variant), UTF-8, no line end.
     */
    public static final String WEBLOG = "weblog";
    /** The rate limiter's decisions, key = host, value = {@link BlocklistDecision}. */
    public static final String BLOCKLIST = "blocklist";
    /** Error surges and URL-busting scans in the access log, key = status or host, value = {@link WeblogAlert}. */
    public static final String ALERTS = "alerts";

    /** Every topic, in the order the embedded broker creates them. */
    public static final List<String> ALL = List.of(PROCESS, MEMORY, ATTACK_COUNTS, ATTACKS, DEADLETTER, ATTACK_PREDICTIONS,
            STREAM_STATUS, WEBLOG, BLOCKLIST, ALERTS);

    /** Partitions per topic on a fresh broker: two lets Spark read with two tasks on two cores. */
    public static final int DEFAULT_PARTITIONS = 2;

    /**
     * How long each topic keeps records, set explicitly instead of inheriting a broker's default.
     * Events and predictions only need to outlive an outage of the streaming job (its parquet is
     * the record); detected attacks, alerts and dead letters are read by people, so they stay
     * longer. The job's status matters while it is fresh: a day shows a dashboard the recent past.
     * Blocklist decisions matter while they block (an {@code until} minutes ahead); a week lets an
     * enforcer that was away catch up and an operator see who was blocked.
     */
    public static final Map<String, Duration> RETENTION = Map.of(
            PROCESS, Duration.ofDays(3),
            MEMORY, Duration.ofDays(3),
            ATTACK_COUNTS, Duration.ofDays(1),
            ATTACKS, Duration.ofDays(14),
            DEADLETTER, Duration.ofDays(14),
            ATTACK_PREDICTIONS, Duration.ofDays(3),
            STREAM_STATUS, Duration.ofDays(1),
            WEBLOG, Duration.ofDays(3),
            BLOCKLIST, Duration.ofDays(7),
            ALERTS, Duration.ofDays(14));

    /**
     * The largest record any stophack client sends or a topic accepts (Kafka's own default):
     * dead letters carry only a prefix of what they could not read, so they stay far below it.
     */
    public static final int MAX_MESSAGE_BYTES = 1_048_576;

    private Topics() {
    }

    /** {@code retention.ms} of {@code topic}; every topic of {@link #ALL} has one. */
    public static long retentionMillis(String topic) {
        Duration d = RETENTION.get(topic);
        if (d == null) {
            throw new IllegalArgumentException("no retention for topic '" + topic + "'");
        }
        return d.toMillis();
    }

    /** The topic-level settings stophack sets when it creates {@code topic}: retention and the largest record. */
    public static Map<String, String> config(String topic) {
        return Map.of("retention.ms", String.valueOf(retentionMillis(topic)),
                "max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES));
    }
}
