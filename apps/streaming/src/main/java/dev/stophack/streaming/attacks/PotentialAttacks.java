package dev.stophack.streaming.attacks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.window;

import dev.stophack.api.events.EventKind;
import dev.stophack.spark.EventFrames;
import dev.stophack.streaming.ingest.ParsedSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Potential attacks: events of either kind predicted as attack, counted as distinct CMD_PIDs per
 * machine per 2-minute event-time window. The set of CMD_PIDs per open window is the only state,
 * and a window's state goes once the watermark passes its end, so state stays bounded (the seed's
 * unbounded {@code dropDuplicates} is gone). Counting a set also makes a re-published attack
 * harmless.
 */
public final class PotentialAttacks {
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String COUNT = "count";

    private PotentialAttacks() {
    }

    /** Columns {@code window_start, window_end, machine, count} from the prediction feed. */
    public static Dataset<Row> counts(Dataset<Row> feed) {
        return feed
                .withWatermark(ParsedSchema.EVENT_TIME, AttackRules.interval(AttackRules.WATERMARK))
                .filter(PredictionFeed.withoutHeartbeats())
                .groupBy(window(col(ParsedSchema.EVENT_TIME), AttackRules.interval(AttackRules.WINDOW)),
                        col(EventKind.MACHINE))
                .agg(collect_set(col(EventFrames.CMD_PID)).as("cmd_pids"))
                .select(col("window.start").as(WINDOW_START), col("window.end").as(WINDOW_END),
                        col(EventKind.MACHINE), size(col("cmd_pids")).cast("long").as(COUNT));
    }

    /** Final counts for {@code attacks/potential/}, with the window's date to partition by. */
    public static Dataset<Row> forParquet(Dataset<Row> counts) {
        return counts.withColumn(ParsedSchema.DATE, to_date(col(WINDOW_START)));
    }

    /** Live counts for the {@code attack-counts} topic: key machine, value the contract's JSON. */
    public static Dataset<Row> forTopic(Dataset<Row> counts) {
        return counts.select(col(EventKind.MACHINE).cast("string").as("key"), to_json(struct(
                date_format(col(WINDOW_START), AttackRules.ISO_PATTERN).as(WINDOW_START),
                date_format(col(WINDOW_END), AttackRules.ISO_PATTERN).as(WINDOW_END),
                col(EventKind.MACHINE), col(COUNT))).as("value"));
    }
}
