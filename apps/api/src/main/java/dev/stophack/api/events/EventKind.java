package dev.stophack.api.events;

import java.util.List;
import java.util.Locale;

/**
 * The two kinds of telemetry a machine reports, with their TON_IoT Linux columns.
 *
 * <p>This enum is the event contract: the CSV columns, the JSON fields on Kafka and the
 * columns that carry atop-formatted sizes all come from here. To change a memory event's
 * columns, edit {@link #MEMORY}.
 */
public enum EventKind {
    PROCESS("process",
            List.of("sequence", "machine", "PID", "TRUN", "TSLPI", "TSLPU", "POLI", "NICE", "PRI",
                    "RTPR", "CPUNR", "Status", "EXC", "State", "CPU", "CMD"),
            List.of("TRUN", "TSLPI", "TSLPU", "NICE", "PRI", "RTPR", "CPUNR", "EXC", "CPU"),
            List.of("POLI", "Status", "State")),
    MEMORY("memory",
            List.of("sequence", "machine", "PID", "MINFLT", "MAJFLT", "VSTEXT", "VSIZE", "RSIZE",
                    "VGROW", "RGROW", "MEM", "CMD"),
            List.of("MINFLT", "MAJFLT", "VSTEXT", "VSIZE", "RSIZE", "VGROW", "RGROW", "MEM"),
            List.of());

    /** Event time in Unix seconds, appended by the producer. */
    public static final String TS = "ts";
    /** Training files only: 1 for attack, 0 for normal. */
    public static final String ATTACK = "attack";
    /** Training files only: the attack type, or {@code normal}. */
    public static final String TYPE = "type";

    public static final String SEQUENCE = "sequence";
    public static final String MACHINE = "machine";
    public static final String PID = "PID";
    public static final String CMD = "CMD";

    private final String id;
    private final List<String> columns;
    private final List<String> numericColumns;
    private final List<String> categoricalColumns;

    EventKind(String id, List<String> columns, List<String> numericColumns, List<String> categoricalColumns) {
        this.id = id;
        this.columns = columns;
        this.numericColumns = numericColumns;
        this.categoricalColumns = categoricalColumns;
    }

    /** Lower-case name used in topics, S3 paths and command lines. */
    public String id() {
        return id;
    }

    /** The TON_IoT columns in file order, without {@code ts} or labels. */
    public List<String> columns() {
        return columns;
    }

    /** Measurements that may carry atop size suffixes and are normalised to numbers. */
    public List<String> numericColumns() {
        return numericColumns;
    }

    /** Short categorical codes (policy, status, state). */
    public List<String> categoricalColumns() {
        return categoricalColumns;
    }

    /** The Kafka topic this kind travels on. */
    public String topic() {
        return id;
    }

    /** Parses {@code process} or {@code memory}, case-insensitively. */
    public static EventKind of(String name) {
        for (EventKind kind : values()) {
            if (kind.id.equals(name.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown event kind '" + name + "' (expected process or memory)");
    }

    @Override
    public String toString() {
        return id;
    }
}
