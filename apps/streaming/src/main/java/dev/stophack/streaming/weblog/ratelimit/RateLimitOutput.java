package dev.stophack.streaming.weblog.ratelimit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import dev.stophack.api.kafka.BlocklistDecision;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.attacks.AttackRules;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.weblog.WeblogMetrics;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where the rate limiter's decisions go: {@code alerts/ratelimit/} (exactly once, by batch id)
 * and the {@code blocklist} topic (at least once, key = host).
 */
public final class RateLimitOutput {
    /** The decisions as {@code alerts/ratelimit/} stores them (plus {@code date}). */
    public static final StructType DECISION = new StructType(new StructField[] {
        DataTypes.createStructField(BlocklistDecision.HOST, DataTypes.StringType, false),
        DataTypes.createStructField(BlocklistDecision.WINDOW_START, DataTypes.TimestampType, false),
        DataTypes.createStructField(BlocklistDecision.WINDOW_END, DataTypes.TimestampType, false),
        DataTypes.createStructField(BlocklistDecision.COUNT, DataTypes.LongType, false),
        DataTypes.createStructField(BlocklistDecision.THRESHOLD, DataTypes.LongType, false),
        DataTypes.createStructField(BlocklistDecision.UNTIL, DataTypes.TimestampType, false),
        DataTypes.createStructField(BlocklistDecision.DECIDED_AT, DataTypes.TimestampType, false),
    });

    private final SparkSession spark;
    private final ParquetSink parquet;
    private final KafkaOutput kafka;
    private final WeblogMetrics metrics;

    public RateLimitOutput(SparkSession spark, ParquetSink parquet, KafkaOutput kafka, WeblogMetrics metrics) {
        this.spark = spark;
        this.parquet = parquet;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /**
     * Writes batch {@code batchId}'s decisions: parquet, then the topic. Every batch is written,
     * none or not: a reader of the sink's log expects every batch id since its last compaction.
     */
    public void write(long batchId, List<Decision> decisions) {
        List<Row> rows = new ArrayList<>();
        for (Decision d : decisions) {
            rows.add(RowFactory.create(d.host(), new Timestamp(d.windowStart()), new Timestamp(d.windowEnd()), d.count(),
                    d.threshold(), new Timestamp(d.until()), new Timestamp(d.decidedAt())));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, DECISION);
        parquet.write(batchId, frame.withColumn(S3Layout.DATE_PARTITION, to_date(col(BlocklistDecision.WINDOW_START))));
        if (decisions.isEmpty()) {
            return;
        }
        kafka.send(frame.select(col(BlocklistDecision.HOST).as("key"), to_json(struct(
                col(BlocklistDecision.HOST),
                iso(BlocklistDecision.WINDOW_START), iso(BlocklistDecision.WINDOW_END),
                col(BlocklistDecision.COUNT), col(BlocklistDecision.THRESHOLD),
                iso(BlocklistDecision.UNTIL), iso(BlocklistDecision.DECIDED_AT))).as("value")), Topics.BLOCKLIST);
        metrics.decisions(decisions.size());
    }

    private static Column iso(String column) {
        return date_format(col(column), AttackRules.ISO_PATTERN).as(column);
    }
}
