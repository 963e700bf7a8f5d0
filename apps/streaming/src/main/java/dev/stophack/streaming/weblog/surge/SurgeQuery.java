package dev.stophack.streaming.weblog.surge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import dev.stophack.api.weblog.AccessLogColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code weblog-errorsurge} query's streaming part: the readable requests, with a watermark,
 * counted per tumbling window, host, status and, for a 404, path. Appended once the watermark
 * passes a window's end, so each window arrives once, whole, in {@link SurgeBatch}. The state is
 * one row per host and status of each open window, plus one per distinct path answered 404.
 *
 * <p>Only counts: Spark aggregates them in its hash map of fixed-width rows. A set of paths per
 * group (collect_set) needs an object per group instead, which Spark sorts every input row for
 * once a task holds more than 128 groups, and it did: the sort took a fifth of the job's CPU.
 */
public final class SurgeQuery {
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String REQUESTS = "requests";
    public static final String NOT_FOUND_PATH = "not_found_path";

    private SurgeQuery() {
    }

    /** Rows {@code window_start, window_end, host, status, not_found_path, requests} of final windows. */
    public static Dataset<Row> counts(Dataset<Row> requests, SurgeRules rules) {
        return requests
                .withWatermark(AccessLogColumns.EVENT_TIME, rules.watermark().toMillis() + " milliseconds")
                .groupBy(window(col(AccessLogColumns.EVENT_TIME), rules.window().toMillis() + " milliseconds"),
                        col(AccessLogColumns.HOST), col(AccessLogColumns.STATUS),
                        when(col(AccessLogColumns.STATUS).equalTo(404), col(AccessLogColumns.PATH)).as(NOT_FOUND_PATH))
                .agg(count(lit(1)).as(REQUESTS))
                .select(col("window.start").as(WINDOW_START), col("window.end").as(WINDOW_END),
                        col(AccessLogColumns.HOST), col(AccessLogColumns.STATUS), col(NOT_FOUND_PATH), col(REQUESTS));
    }

    /** Per window and status: requests. */
    static Dataset<Row> byStatus(Dataset<Row> counts) {
        return counts.groupBy(col(WINDOW_START), col(WINDOW_END), col(AccessLogColumns.STATUS))
                .agg(sum(col(REQUESTS)).as(REQUESTS));
    }

    /** Per window, the hosts with at least {@code minPaths} distinct paths answered 404: the only possible scans. */
    static Dataset<Row> scanCandidates(Dataset<Row> counts, long minPaths) {
        return counts.groupBy(col(WINDOW_START), col(WINDOW_END), col(AccessLogColumns.HOST))
                .agg(sum(col(REQUESTS)).as(REQUESTS),
                        sum(when(col(AccessLogColumns.STATUS).equalTo(404), col(REQUESTS)).otherwise(0L)).as("not_found"),
                        // one row per distinct path answered 404 (a 404 without a path, "-", is none)
                        count(col(NOT_FOUND_PATH)).as("distinct_paths"))
                .filter(col("distinct_paths").geq(minPaths));
    }
}
