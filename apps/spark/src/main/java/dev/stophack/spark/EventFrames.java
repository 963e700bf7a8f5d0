package dev.stophack.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.trim;

import dev.stophack.events.EventKind;
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

    private EventFrames() {
    }

    public static Dataset<Row> normalise(EventKind kind, Dataset<Row> raw) {
        Dataset<Row> df = raw
                .withColumn(EventKind.SEQUENCE, integral(EventKind.SEQUENCE).cast("long"))
                .withColumn(EventKind.MACHINE, integral(EventKind.MACHINE).cast("int"))
                .withColumn(EventKind.PID, integral(EventKind.PID).cast("int"))
                .withColumn(EventKind.CMD, col(EventKind.CMD).cast("string"));
        for (String c : kind.numericColumns()) {
            df = df.withColumn(c, RawNumberColumn.value(col(c)));
        }
        for (String c : kind.categoricalColumns()) {
            df = df.withColumn(c, trim(col(c).cast("string")));
        }
        if (kind == EventKind.PROCESS) {
            // the priority is what atop measures; NICE is derived from it, as TON_IoT's analysis did
            df = df.withColumn("NICE", col("PRI").minus(120));
        }
        return df.withColumn(CMD_PID, concat_ws("_", col(EventKind.CMD), col(EventKind.PID)));
    }

    /** Ids and sequence numbers must be whole numbers; anything else becomes null. */
    private static Column integral(String name) {
        Column v = RawNumberColumn.value(col(name));
        return org.apache.spark.sql.functions.when(v.equalTo(org.apache.spark.sql.functions.floor(v)), v);
    }
}
