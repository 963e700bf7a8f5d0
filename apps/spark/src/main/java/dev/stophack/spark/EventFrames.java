package dev.stophack.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.events.EventKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns raw events (the kind's columns as the CSV or the Kafka JSON has them) into the typed,
 * normalised frame that training fits on and the streaming job scores: the model input contract.
 *
 * <p>Output: {@code sequence} long, {@code machine} int, {@code PID} int, every numeric column
 * as a double (null when unreadable), categorical codes and {@code CMD} as trimmed strings,
 * {@code NICE = PRI - 120} for process events, and {@code CMD_PID = CMD + "_" + PID}. Columns
 * that are not the kind's (ts, attack, type, ...) pass through untouched.
 */
public final class EventFrames {
    public static final String CMD_PID = "CMD_PID";
    // prefix of the columns that carry the fast path's values between two projections
    private static final String FAST = "__stophack_fast_";

    private EventFrames() {
    }

    public static Dataset<Row> normalise(EventKind kind, Dataset<Row> raw) {
        List<String> numbers = new ArrayList<>(List.of(EventKind.SEQUENCE, EventKind.MACHINE, EventKind.PID));
        numbers.addAll(kind.numericColumns());
        // Three projections (read the canonical texts and compact the others, read the compacted
        // ones, type) so that each raw value is compacted at most once and matched by at most one
        // regular expression: Spark keeps a projection apart from the next when the next refers to
        // one of its costly columns more than once, as reading a compacted text and checking an
        // id's value both do. In one projection each would be recomputed per reference. Most
        // values are canonical ("0", "122", "1.75"): their value is final after the first
        // projection and they are not compacted (the fast value is referenced twice in the same
        // projection, where Spark's common subexpression elimination computes it once).
        Map<String, Column> compacted = new LinkedHashMap<>();
        Map<String, Column> canonical = new LinkedHashMap<>();
        for (String c : numbers) {
            Column fast = RawNumberColumn.canonicalValue(col(c));
            compacted.put(c, when(fast.isNull(), RawNumberColumn.compact(col(c))));
            canonical.put(FAST + c, fast);
        }
        compacted.put(EventKind.CMD, col(EventKind.CMD).cast("string"));
        for (String c : kind.categoricalColumns()) {
            compacted.put(c, trim(col(c).cast("string")));
        }
        compacted.putAll(canonical);
        Dataset<Row> df = replace(raw, compacted);

        Map<String, Column> values = new LinkedHashMap<>();
        for (String c : numbers) {
            values.put(c, coalesce(col(FAST + c), RawNumberColumn.valueOfCompact(col(c))));
        }
        df = replace(df, values).drop(canonical.keySet().toArray(String[]::new));

        Map<String, Column> typed = new LinkedHashMap<>();
        typed.put(EventKind.SEQUENCE, integral(EventKind.SEQUENCE).cast("long"));
        typed.put(EventKind.MACHINE, integral(EventKind.MACHINE).cast("int"));
        typed.put(EventKind.PID, integral(EventKind.PID).cast("int"));
        if (kind == EventKind.PROCESS) {
            // the priority is what atop measures; NICE is derived from it, as TON_IoT's analysis did
            typed.put("NICE", col("PRI").minus(120));
        }
        // the PID as typed above, so "77.0" joins the command as 77
        typed.put(CMD_PID, concat_ws("_", col(EventKind.CMD), integral(EventKind.PID).cast("int")));
        return replace(df, typed);
    }

    /** Ids and sequence numbers must be whole numbers; anything else becomes null. */
    private static Column integral(String name) {
        Column v = col(name);
        return when(v.equalTo(floor(v)), v);
    }

    /** One projection: each column of {@code df} as it is or as replaced, then the new ones in order. */
    private static Dataset<Row> replace(Dataset<Row> df, Map<String, Column> replacements) {
        Map<String, Column> left = new LinkedHashMap<>(replacements);
        List<Column> out = new ArrayList<>();
        for (String name : df.columns()) {
            Column r = left.remove(name);
            out.add(r == null ? df.col("`" + name + "`") : r.as(name));
        }
        left.forEach((name, c) -> out.add(c.as(name)));
        return df.select(out.toArray(Column[]::new));
    }
}
