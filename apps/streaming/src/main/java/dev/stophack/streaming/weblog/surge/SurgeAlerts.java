package dev.stophack.streaming.weblog.surge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import dev.stophack.api.kafka.Topics;
import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.attacks.AttackRules;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.weblog.WeblogMetrics;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where the error-surge and URL-busting alerts go: {@code alerts/errorsurge/} (exactly once, by
 * batch id) and the {@code alerts} topic (at least once, key = the status, or the host of a scan).
 */
public final class SurgeAlerts {
    public static final StructType ALERT = new StructType(new StructField[] {
        DataTypes.createStructField(WeblogAlert.KIND, DataTypes.StringType, false),
        DataTypes.createStructField(WeblogAlert.STATUS, DataTypes.StringType, false),
        DataTypes.createStructField(WeblogAlert.WINDOW_START, DataTypes.TimestampType, false),
        DataTypes.createStructField(WeblogAlert.WINDOW_END, DataTypes.TimestampType, false),
        DataTypes.createStructField(WeblogAlert.COUNT, DataTypes.LongType, false),
        DataTypes.createStructField(WeblogAlert.TOTAL, DataTypes.LongType, false),
        DataTypes.createStructField(WeblogAlert.RATIO, DataTypes.DoubleType, false),
        DataTypes.createStructField(WeblogAlert.BASELINE, DataTypes.DoubleType, false),
        DataTypes.createStructField(WeblogAlert.HOST, DataTypes.StringType, true),
        DataTypes.createStructField(WeblogAlert.DISTINCT_PATHS, DataTypes.LongType, true),
        DataTypes.createStructField(WeblogAlert.DECIDED_AT, DataTypes.TimestampType, false),
    });

    private final SparkSession spark;
    private final ParquetSink parquet;
    private final KafkaOutput kafka;
    private final WeblogMetrics metrics;

    public SurgeAlerts(SparkSession spark, ParquetSink parquet, KafkaOutput kafka, WeblogMetrics metrics) {
        this.spark = spark;
        this.parquet = parquet;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /**
     * Writes batch {@code batchId}'s alerts: parquet, then the topic. Every batch is written, none
     * or not: a reader of the sink's log expects every batch id since its last compaction.
     */
    public void write(long batchId, List<Alert> alerts) {
        List<Row> rows = new ArrayList<>();
        for (Alert a : alerts) {
            rows.add(RowFactory.create(a.kind(), a.status(), new Timestamp(a.windowStart()), new Timestamp(a.windowEnd()),
                    a.count(), a.total(), a.ratio(), a.baseline(), a.host(), a.distinctPaths(), new Timestamp(a.decidedAt())));
            metrics.alerts(a.kind(), 1);
        }
        Dataset<Row> frame = spark.createDataFrame(rows, ALERT);
        parquet.write(batchId, frame.withColumn(S3Layout.DATE_PARTITION, to_date(col(WeblogAlert.WINDOW_START))));
        if (alerts.isEmpty()) {
            return;
        }
        Column key = functions.coalesce(col(WeblogAlert.HOST), col(WeblogAlert.STATUS));
        kafka.send(frame.select(key.as("key"), to_json(struct(col(WeblogAlert.KIND), col(WeblogAlert.STATUS),
                iso(WeblogAlert.WINDOW_START), iso(WeblogAlert.WINDOW_END), col(WeblogAlert.COUNT),
                col(WeblogAlert.TOTAL), col(WeblogAlert.RATIO), col(WeblogAlert.BASELINE), col(WeblogAlert.HOST),
                col(WeblogAlert.DISTINCT_PATHS), iso(WeblogAlert.DECIDED_AT)),
                Map.of("ignoreNullFields", "false")).as("value")), Topics.ALERTS);
    }

    private static Column iso(String column) {
        return date_format(col(column), AttackRules.ISO_PATTERN).as(column);
    }
}
