package dev.stophack.query.sql;

import java.util.Locale;

/** Named queries for the questions people ask most; {@code --help} prints each with its SQL. */
public enum Preset {
    ATTACKS_BY_MACHINE("per machine: detected and potential attacks, worst window, last detection",
            """
            WITH p AS (SELECT machine, SUM(count) AS potential, COUNT(*) AS windows,
                              MAX(count) AS worst
                       FROM potential_attacks GROUP BY machine),
                 d AS (SELECT machine, COUNT(*) AS detected,
                              MAX(process_event_time) AS last_detected
                       FROM detected_attacks GROUP BY machine)
            SELECT COALESCE(p.machine, d.machine) AS machine,
                   COALESCE(d.detected, 0) AS detected_attacks,
                   COALESCE(p.potential, 0) AS potential_attacks,
                   COALESCE(p.windows, 0) AS attack_windows,
                   COALESCE(p.worst, 0) AS worst_window,
                   d.last_detected
            FROM p FULL OUTER JOIN d ON p.machine = d.machine
            ORDER BY detected_attacks DESC, potential_attacks DESC, machine"""),
    TOP_COMMANDS("commands most often scored as attack (process and memory events)",
            """
            SELECT CMD,
                   SUM(CASE WHEN prediction = 1.0 THEN 1 ELSE 0 END) AS attack_events,
                   COUNT(*) AS events,
                   ROUND(AVG(p_attack), 3) AS mean_p_attack,
                   COUNT(DISTINCT machine) AS machines
            FROM (SELECT machine, CMD, prediction, p_attack FROM process_events
                  UNION ALL
                  SELECT machine, CMD, prediction, p_attack FROM memory_events)
            GROUP BY CMD
            ORDER BY attack_events DESC, events DESC, CMD"""),
    DEADLETTER_REASONS("dead letters per source topic and reason code, with an example",
            """
            SELECT topic,
                   substring_index(reason, ':', 1) AS code,
                   COUNT(*) AS dead_letters,
                   MIN(kafka_time) AS first_seen,
                   MAX(kafka_time) AS last_seen,
                   MIN(reason) AS example
            FROM deadletter
            GROUP BY topic, substring_index(reason, ':', 1)
            ORDER BY dead_letters DESC, topic, code"""),
    MODEL_VERSIONS("which model version scored how many events, when; its last decision",
            """
            WITH scored AS (
                   SELECT 'process' AS model, model_version, prediction, event_time
                   FROM process_events
                   UNION ALL
                   SELECT 'memory' AS model, model_version, prediction, event_time
                   FROM memory_events),
                 decided AS (
                   SELECT model, version, max_by(action, generation) AS last_decision,
                          MAX(at) AS decided_at
                   FROM model_history GROUP BY model, version)
            SELECT s.model, s.model_version,
                   COUNT(*) AS events,
                   SUM(CASE WHEN s.prediction = 1.0 THEN 1 ELSE 0 END) AS attacks,
                   MIN(s.event_time) AS first_event,
                   MAX(s.event_time) AS last_event,
                   FIRST(d.last_decision) AS last_decision,
                   FIRST(d.decided_at) AS decided_at
            FROM scored s
            LEFT JOIN decided d ON s.model = d.model AND s.model_version = d.version
            GROUP BY s.model, s.model_version
            ORDER BY s.model, first_event"""),
    DETECTION_TIMELINE("detected attacks per minute, with their machines and commands",
            """
            SELECT date_trunc('MINUTE', process_event_time) AS minute,
                   COUNT(*) AS detected_attacks,
                   array_join(array_sort(collect_set(CAST(machine AS STRING))), ',')
                     AS machines,
                   array_join(array_sort(collect_set(CMD)), ',') AS commands
            FROM detected_attacks
            GROUP BY date_trunc('MINUTE', process_event_time)
            ORDER BY minute""");

    private final String meaning;
    private final String sql;

    Preset(String meaning, String sql) {
        this.meaning = meaning;
        this.sql = sql;
    }

    /** {@code attacks-by-machine}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String meaning() {
        return meaning;
    }

    public String sql() {
        return sql;
    }

    /** The preset called {@code id}, or a one-line error that lists them. */
    public static Preset of(String id) {
        for (Preset p : values()) {
            if (p.id().equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("no preset '" + id + "' (presets: " + ids() + ")");
    }

    public static String ids() {
        StringBuilder s = new StringBuilder();
        for (Preset p : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(p.id());
        }
        return s.toString();
    }

    /** Every preset with its meaning and SQL, line by line, for {@code --help} and {@code \\presets}. */
    public static java.util.List<String> help() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("Presets (--preset NAME):");
        for (Preset p : values()) {
            lines.add("");
            lines.add("  " + p.id());
            lines.add("    " + p.meaning());
            p.sql().lines().forEach(l -> lines.add("      " + l));
        }
        return lines;
    }
}
