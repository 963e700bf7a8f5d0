package dev.stophack.streaming.weblog.ratelimit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import dev.stophack.api.kafka.BlocklistDecision;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.api.weblog.AccessLogColumns;
import dev.stophack.streaming.attacks.AttackRules;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.weblog.WeblogMetrics;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code weblog-ratelimit} query: the readable requests, with a watermark, grouped by host
 * into {@link HostRateFunction} (Spark's arbitrary state per key, with an event-time timeout that
 * forgets a host once its windows have closed); the decisions go to {@code alerts/ratelimit/}
 * (exactly once) and to the {@code blocklist} topic (at least once, key = host).
 */
public final class RateLimitQuery {
    /** The decisions as the function emits them and {@code alerts/ratelimit/} stores them (plus {@code date}). */
    public static final StructType DECISION = new StructType(new StructField[] {
        DataTypes.createStructField(BlocklistDecision.HOST, DataTypes.StringType, false),
        DataTypes.createStructField(BlocklistDecision.WINDOW_START, DataTypes.TimestampType, false),
        DataTypes.createStructField(BlocklistDecision.WINDOW_END, DataTypes.TimestampType, false),
        DataTypes.createStructField(BlocklistDecision.COUNT, DataTypes.LongType, false),
        DataTypes.createStructField(BlocklistDecision.THRESHOLD, DataTypes.LongType, false),
        DataTypes.createStructField(BlocklistDecision.UNTIL, DataTypes.TimestampType, false),
        DataTypes.createStructField(BlocklistDecision.DECIDED_AT, DataTypes.TimestampType, false),
    });

    private RateLimitQuery() {
    }

    /** The decisions of {@code requests} ({@code host, event_time, ...}). */
    public static Dataset<Row> decisions(Dataset<Row> requests, RateLimiter limiter, String watermark) {
        return requests.select(col(AccessLogColumns.HOST), col(AccessLogColumns.EVENT_TIME))
                .withWatermark(AccessLogColumns.EVENT_TIME, watermark)
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(new HostRateFunction(limiter), OutputMode.Append(), Encoders.bean(HostWindows.class),
                        Encoders.row(DECISION), GroupStateTimeout.EventTimeTimeout());
    }

    /** Writes each batch's decisions: parquet under {@code root}, then the topic. */
    public static VoidFunction2<Dataset<Row>, Long> writer(ParquetSink parquet, KafkaOutput kafka, WeblogMetrics metrics) {
        return (rows, batchId) -> {
            rows.persist();
            try {
                parquet.write(batchId, rows.withColumn(S3Layout.DATE_PARTITION, to_date(col(BlocklistDecision.WINDOW_START))));
                long n = rows.count();
                if (n > 0) {
                    kafka.send(rows.select(col(BlocklistDecision.HOST).as("key"), to_json(struct(
                            col(BlocklistDecision.HOST),
                            iso(BlocklistDecision.WINDOW_START), iso(BlocklistDecision.WINDOW_END),
                            col(BlocklistDecision.COUNT), col(BlocklistDecision.THRESHOLD),
                            iso(BlocklistDecision.UNTIL), iso(BlocklistDecision.DECIDED_AT))).as("value")), Topics.BLOCKLIST);
                    metrics.decisions(n);
                }
            } finally {
                rows.unpersist();
            }
        };
    }

    static org.apache.spark.sql.Column iso(String column) {
        return date_format(col(column), AttackRules.ISO_PATTERN).as(column);
    }
}
