package dev.stophack.query.report;

import dev.stophack.query.sql.QueryEngine;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What the report draws, as small lists computed by Spark SQL over the registered tables: counts
 * per time bucket and machine, per machine and kind, per reason, the scoring version per bucket,
 * the rollout decisions and the key figures.
 */
public final class ReportData {
    /** A machine's count in a time bucket (its start, Unix seconds). */
    public record BucketCount(long bucket, int machine, long count) {
    }

    /** Events of one kind from one machine. */
    public record MachineCount(int machine, String kind, long count) {
    }

    /** Dead letters of one source topic with one reason code. */
    public record ReasonCount(String code, String topic, long count) {
    }

    /** The version that scored most of a model's events in a time bucket; null when they were unscored. */
    public record VersionAt(String model, long bucket, Integer version) {
    }

    /** One rollout decision. */
    public record Decision(String model, Instant at, String action, Integer version) {
    }

    /** The key figures of the report's table. */
    public record Figures(long processEvents, long memoryEvents, long machines, long attackEvents, Instant firstEvent,
            Instant lastEvent, long potentialAttacks, long attackWindows, long machinesWithPotential,
            long detectedAttacks, long machinesWithDetected, long deadLetters, String topDeadLetterCode,
            String processVersions, String memoryVersions, long decisions) {
    }

    public final Duration bucket;
    /** Every machine of the report, in order: a machine has the same colour in every chart. */
    public final List<Integer> machines;
    public final List<BucketCount> potential;
    public final List<BucketCount> detected;
    public final List<MachineCount> events;
    public final List<ReasonCount> deadLetters;
    public final List<VersionAt> versions;
    public final List<Decision> decisions;
    public final Figures figures;

    private ReportData(Duration bucket, List<BucketCount> potential, List<BucketCount> detected,
            List<MachineCount> events, List<ReasonCount> deadLetters, List<VersionAt> versions,
            List<Decision> decisions, Figures figures) {
        this.bucket = bucket;
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
        potential.forEach(c -> all.add(c.machine()));
        detected.forEach(c -> all.add(c.machine()));
        events.forEach(c -> all.add(c.machine()));
        this.machines = List.copyOf(all);
        this.potential = potential;
        this.detected = detected;
        this.events = events;
        this.deadLetters = deadLetters;
        this.versions = versions;
        this.decisions = decisions;
        this.figures = figures;
    }

    public static ReportData read(QueryEngine engine) {
        Row span = engine.rows("""
                SELECT MIN(t), MAX(t) FROM (
                  SELECT event_time AS t FROM process_events UNION ALL SELECT event_time FROM memory_events
                  UNION ALL SELECT window_start FROM potential_attacks UNION ALL SELECT window_end FROM potential_attacks
                  UNION ALL SELECT process_event_time FROM detected_attacks)""").get(0);
        Duration bucket = TimeBuckets.width(instant(span.get(0)), instant(span.get(1)));
        String b = String.valueOf(bucket.toSeconds());

        List<BucketCount> potential = new ArrayList<>();
        for (Row r : engine.rows(bucketed("window_start", b) + ", machine, SUM(count) FROM potential_attacks GROUP BY 1, 2")) {
            potential.add(new BucketCount(r.getLong(0), r.getInt(1), r.getLong(2)));
        }
        List<BucketCount> detected = new ArrayList<>();
        for (Row r : engine.rows(bucketed("process_event_time", b) + ", machine, COUNT(*) FROM detected_attacks GROUP BY 1, 2")) {
            detected.add(new BucketCount(r.getLong(0), r.getInt(1), r.getLong(2)));
        }
        List<MachineCount> events = new ArrayList<>();
        for (Row r : engine.rows("""
                SELECT machine, 'process', COUNT(*) FROM process_events GROUP BY machine
                UNION ALL SELECT machine, 'memory', COUNT(*) FROM memory_events GROUP BY machine""")) {
            if (!r.isNullAt(0)) {
                events.add(new MachineCount(r.getInt(0), r.getString(1), r.getLong(2)));
            }
        }
        List<ReasonCount> reasons = new ArrayList<>();
        for (Row r : engine.rows("""
                SELECT substring_index(reason, ':', 1) AS code, topic, COUNT(*) AS n FROM deadletter
                GROUP BY 1, 2 ORDER BY n DESC, code, topic""")) {
            reasons.add(new ReasonCount(String.valueOf(r.get(0)), String.valueOf(r.get(1)), r.getLong(2)));
        }
        List<VersionAt> versions = new ArrayList<>();
        for (Row r : engine.rows("SELECT model, bucket, max_by(model_version, n) FROM ("
                + " SELECT model, bucket, model_version, COUNT(*) AS n FROM ("
                + bucketed("event_time", b) + " AS bucket, 'process' AS model, model_version FROM process_events"
                + " UNION ALL " + bucketed("event_time", b) + ", 'memory', model_version FROM memory_events)"
                + " GROUP BY model, bucket, model_version) GROUP BY model, bucket ORDER BY model, bucket")) {
            versions.add(new VersionAt(r.getString(0), r.getLong(1), r.isNullAt(2) ? null : r.getInt(2)));
        }
        List<Decision> decisions = new ArrayList<>();
        for (Row r : engine.rows("SELECT model, at, action, version FROM model_history ORDER BY at, model")) {
            decisions.add(new Decision(r.getString(0), instant(r.get(1)), r.getString(2),
                    r.isNullAt(3) ? null : r.getInt(3)));
        }
        return new ReportData(bucket, potential, detected, events, reasons, versions, decisions, figures(engine));
    }

    /** {@code SELECT <bucket start of column>}: Unix seconds rounded down to the bucket width. */
    private static String bucketed(String column, String seconds) {
        return "SELECT CAST(floor(unix_seconds(" + column + ") / " + seconds + ") * " + seconds + " AS BIGINT)";
    }

    private static Figures figures(QueryEngine engine) {
        Row e = engine.rows("""
                SELECT SUM(CASE WHEN kind = 'process' THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'memory' THEN 1 ELSE 0 END),
                       COUNT(DISTINCT machine), SUM(CASE WHEN prediction = 1.0 THEN 1 ELSE 0 END),
                       MIN(event_time), MAX(event_time)
                FROM (SELECT 'process' AS kind, machine, prediction, event_time FROM process_events
                      UNION ALL SELECT 'memory', machine, prediction, event_time FROM memory_events)""").get(0);
        Row p = engine.rows("SELECT SUM(count), COUNT(*), COUNT(DISTINCT machine) FROM potential_attacks").get(0);
        Row d = engine.rows("SELECT COUNT(*), COUNT(DISTINCT machine) FROM detected_attacks").get(0);
        List<Row> dead = engine.rows("""
                SELECT substring_index(reason, ':', 1) AS code, COUNT(*) AS n FROM deadletter
                GROUP BY 1 ORDER BY n DESC, code""");
        long deadLetters = dead.stream().mapToLong(r -> r.getLong(1)).sum();
        return new Figures(number(e.get(0)), number(e.get(1)), number(e.get(2)), number(e.get(3)), instant(e.get(4)),
                instant(e.get(5)), number(p.get(0)), number(p.get(1)), number(p.get(2)), number(d.get(0)),
                number(d.get(1)), deadLetters, dead.isEmpty() ? null : String.valueOf(dead.get(0).get(0)),
                versionsSeen(engine, "process_events"), versionsSeen(engine, "memory_events"),
                number(engine.rows("SELECT COUNT(*) FROM model_history").get(0).get(0)));
    }

    /** {@code v1, v2} (and {@code unscored} for events scored by no model), in the order they first scored. */
    private static String versionsSeen(QueryEngine engine, String table) {
        List<String> seen = new ArrayList<>();
        for (Row r : engine.rows("SELECT model_version, MIN(event_time) AS since FROM " + table
                + " GROUP BY model_version ORDER BY since")) {
            seen.add(r.isNullAt(0) ? "unscored" : "v" + r.getInt(0));
        }
        return seen.isEmpty() ? "-" : String.join(", ", seen);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return (Instant) value;
    }
}
