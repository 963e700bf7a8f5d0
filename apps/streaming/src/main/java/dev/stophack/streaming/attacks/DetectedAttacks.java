package dev.stophack.streaming.attacks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.to_date;

import dev.stophack.api.events.EventKind;
import dev.stophack.spark.EventFrames;
import dev.stophack.streaming.ingest.ParsedSchema;
import dev.stophack.streaming.scoring.Scorer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Detected attacks: a process event and a memory event, both predicted as attack, of the same
 * machine and CMD_PID, with event times less than 30 s apart. Both sides have a watermark and the
 * join has a time range, so Spark drops a side's rows once no future row can match them: join
 * state is bounded. Each side first drops copies of the same Kafka record (a replayed ingest
 * batch) within the watermark, so a copy never makes a second join row.
 */
public final class DetectedAttacks {
    public static final String PROCESS_EVENT_TIME = "process_event_time";
    public static final String MEMORY_EVENT_TIME = "memory_event_time";
    public static final String PROCESSING_TIME = "processing_time";

    private DetectedAttacks() {
    }

    /** The join of the process side and the memory side of the feed (two reads of the topic). */
    public static Dataset<Row> join(Dataset<Row> processFeed, Dataset<Row> memoryFeed) {
        Dataset<Row> p = side(processFeed, EventKind.PROCESS);
        Dataset<Row> m = side(memoryFeed, EventKind.MEMORY);
        long range = AttackRules.JOIN_RANGE.toMillis();
        Column condition = col("p_machine").equalTo(col("m_machine"))
                .and(col("p_cmd_pid").equalTo(col("m_cmd_pid")))
                .and(expr(PROCESS_EVENT_TIME + " > " + MEMORY_EVENT_TIME + " - interval " + range + " milliseconds"))
                .and(expr(PROCESS_EVENT_TIME + " < " + MEMORY_EVENT_TIME + " + interval " + range + " milliseconds"));
        List<Column> out = new ArrayList<>();
        out.add(col("p_machine").as(EventKind.MACHINE));
        out.add(col("p_cmd_pid").as(EventFrames.CMD_PID));
        out.add(col(EventKind.PID));
        out.add(col(EventKind.CMD));
        out.add(col(PROCESS_EVENT_TIME));
        out.add(col(MEMORY_EVENT_TIME));
        for (EventKind kind : EventKind.values()) {
            out.add(col(prefixed(kind, EventKind.SEQUENCE)));
            for (String c : measurements(kind)) {
                out.add(col(c));
            }
            out.add(col(prefixed(kind, Scorer.P_ATTACK)));
            out.add(col(prefixed(kind, Scorer.MODEL_VERSION)));
        }
        out.add(current_timestamp().as(PROCESSING_TIME));
        out.add(to_date(col(PROCESS_EVENT_TIME)).as(ParsedSchema.DATE));
        return p.join(m, condition).select(out.toArray(Column[]::new));
    }

    private static Dataset<Row> side(Dataset<Row> feed, EventKind kind) {
        String tag = kind == EventKind.PROCESS ? "p_" : "m_";
        List<Column> out = new ArrayList<>();
        out.add(col(EventKind.MACHINE).as(tag + "machine"));
        out.add(col(EventFrames.CMD_PID).as(tag + "cmd_pid"));
        if (kind == EventKind.PROCESS) {
            out.add(col(EventKind.PID));
            out.add(col(EventKind.CMD));
        }
        out.add(col(ParsedSchema.EVENT_TIME).as(kind == EventKind.PROCESS ? PROCESS_EVENT_TIME : MEMORY_EVENT_TIME));
        out.add(col(EventKind.SEQUENCE).as(prefixed(kind, EventKind.SEQUENCE)));
        for (String c : measurements(kind)) {
            out.add(col(c));
        }
        out.add(col(Scorer.P_ATTACK).as(prefixed(kind, Scorer.P_ATTACK)));
        out.add(col(Scorer.MODEL_VERSION).as(prefixed(kind, Scorer.MODEL_VERSION)));
        return feed
                .filter(col(ParsedSchema.TOPIC).equalTo(kind.topic()))
                .withWatermark(ParsedSchema.EVENT_TIME, AttackRules.interval(AttackRules.WATERMARK))
                .filter(PredictionFeed.withoutHeartbeats())
                .dropDuplicatesWithinWatermark(ParsedSchema.PARTITION, ParsedSchema.OFFSET)
                .select(out.toArray(Column[]::new));
    }

    private static List<String> measurements(EventKind kind) {
        List<String> columns = new ArrayList<>(kind.numericColumns());
        columns.addAll(kind.categoricalColumns());
        return columns;
    }

    /** {@code process_sequence}, {@code memory_p_attack}, ... */
    static String prefixed(EventKind kind, String column) {
        return kind.id() + "_" + column;
    }
}
