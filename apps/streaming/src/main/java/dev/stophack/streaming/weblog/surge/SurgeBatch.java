package dev.stophack.streaming.weblog.surge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import dev.stophack.api.kafka.Topics;
import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.api.weblog.AccessLogColumns;
import dev.stophack.streaming.attacks.AttackRules;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.weblog.WeblogMetrics;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of the {@code weblog-errorsurge} query: the windows that became final, reduced
 * by Spark to per-status counts and scan candidates (small), judged on the driver by
 * {@link SurgeDetector} in time order, starting from the baselines after the previous batch
 * ({@link BaselineStore}); the alerts go to {@code alerts/errorsurge/} (exactly once) and to the
 * {@code alerts} topic (at least once, key = the status, or the host of a scan).
 */
public final class SurgeBatch implements VoidFunction2<Dataset<Row>, Long> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SurgeBatch.class);

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

    private final transient SparkSession spark;
    private final transient SurgeRules rules;
    private final transient BaselineStore baselines;
    private final transient ParquetSink parquet;
    private final transient KafkaOutput kafka;
    private final transient WeblogMetrics metrics;

    public SurgeBatch(SparkSession spark, SurgeRules rules, BaselineStore baselines, ParquetSink parquet, KafkaOutput kafka,
            WeblogMetrics metrics) {
        this.spark = spark;
        this.rules = rules;
        this.baselines = baselines;
        this.parquet = parquet;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    @Override
    public void call(Dataset<Row> counts, Long batchId) {
        counts.persist();
        try {
            List<WindowCounts> windows = windows(SurgeQuery.byStatus(counts).collectAsList(),
                    SurgeQuery.scanCandidates(counts, rules.scanPaths()).collectAsList());
            Baselines learnt = baselines.before(batchId);
            SurgeDetector detector = new SurgeDetector(rules);
            List<Row> alerts = new ArrayList<>();
            for (WindowCounts w : windows) {
                for (Alert a : detector.detect(w, learnt)) {
                    alerts.add(RowFactory.create(a.kind(), a.status(), new Timestamp(a.windowStart()),
                            new Timestamp(a.windowEnd()), a.count(), a.total(), a.ratio(), a.baseline(), a.host(),
                            a.distinctPaths(), new Timestamp(a.decidedAt())));
                    metrics.alerts(a.kind(), 1);
                }
            }
            Dataset<Row> rows = spark.createDataFrame(alerts, ALERT);
            parquet.write(batchId, rows.withColumn(S3Layout.DATE_PARTITION, to_date(col(WeblogAlert.WINDOW_START))));
            if (!alerts.isEmpty()) {
                Column key = functions.coalesce(col(WeblogAlert.HOST), col(WeblogAlert.STATUS));
                kafka.send(rows.select(key.as("key"), to_json(struct(col(WeblogAlert.KIND), col(WeblogAlert.STATUS),
                        iso(WeblogAlert.WINDOW_START), iso(WeblogAlert.WINDOW_END), col(WeblogAlert.COUNT),
                        col(WeblogAlert.TOTAL), col(WeblogAlert.RATIO), col(WeblogAlert.BASELINE), col(WeblogAlert.HOST),
                        col(WeblogAlert.DISTINCT_PATHS), iso(WeblogAlert.DECIDED_AT)),
                        Map.of("ignoreNullFields", "false")).as("value")), Topics.ALERTS);
            }
            baselines.after(batchId, learnt);
            if (!windows.isEmpty()) {
                LOG.info("weblog-errorsurge batch {}: {} final windows, {} alerts", batchId, windows.size(), alerts.size());
            }
        } finally {
            counts.unpersist();
        }
    }

    /** The final windows of a batch in time order, from per-status counts and scan candidates. */
    static List<WindowCounts> windows(List<Row> byStatus, List<Row> candidates) {
        TreeMap<Long, long[]> bounds = new TreeMap<>();
        Map<Long, TreeMap<Integer, Long>> statuses = new TreeMap<>();
        for (Row r : byStatus) {
            long start = r.getTimestamp(0).getTime();
            bounds.put(start, new long[] {start, r.getTimestamp(1).getTime()});
            statuses.computeIfAbsent(start, k -> new TreeMap<>()).merge(r.getInt(2), r.getLong(3), Long::sum);
        }
        Map<Long, List<WindowCounts.HostCounts>> hosts = new TreeMap<>();
        for (Row r : candidates) {
            hosts.computeIfAbsent(r.getTimestamp(0).getTime(), k -> new ArrayList<>()).add(new WindowCounts.HostCounts(
                    r.getAs(AccessLogColumns.HOST), r.getLong(3), r.getLong(4), r.getLong(5)));
        }
        List<WindowCounts> windows = new ArrayList<>();
        for (Map.Entry<Long, long[]> b : bounds.entrySet()) {
            TreeMap<Integer, Long> by = statuses.get(b.getKey());
            long total = by.values().stream().mapToLong(Long::longValue).sum();
            windows.add(new WindowCounts(b.getValue()[0], b.getValue()[1], total, by, hosts.getOrDefault(b.getKey(), List.of())));
        }
        return windows;
    }

    private static Column iso(String column) {
        return date_format(col(column), AttackRules.ISO_PATTERN).as(column);
    }
}
