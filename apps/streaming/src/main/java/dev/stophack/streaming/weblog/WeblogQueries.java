package dev.stophack.streaming.weblog;

import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.run.ManagedQuery;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.weblog.detect.DetectorStore;
import dev.stophack.streaming.weblog.detect.WeblogDetectors;
import dev.stophack.streaming.weblog.ingest.LineSchema;
import dev.stophack.streaming.weblog.ingest.WeblogIngestBatch;
import dev.stophack.streaming.weblog.parse.AccessLogParser;
import dev.stophack.streaming.weblog.ratelimit.RateLimitOutput;
import dev.stophack.streaming.weblog.surge.SurgeAlerts;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The web access-log query of the streaming job, {@value #INGEST}: one read of the {@code weblog}
 * topic, each line parsed once by {@link AccessLogParser}, and from the same parsed lines:
 *
 * <ul>
 *   <li>lines → {@code events/weblog/}, dead letters → {@code deadletter-weblog/} and the
 *       {@code deadletter} topic;</li>
 *   <li>the rate limiter ({@value #RATE_LIMIT}): requests per host in sliding windows →
 *       {@code alerts/ratelimit/} and the {@code blocklist} topic;</li>
 *   <li>the surge detector ({@value #ERROR_SURGE}): error shares per window against their
 *       baselines, URL-busting scans → {@code alerts/errorsurge/} and the {@code alerts} topic.</li>
 * </ul>
 *
 * The detectors' state is kept per batch beside the query's checkpoint ({@link DetectorStore}).
 * It was three queries, each reading and parsing the whole topic: two thirds of the task time went
 * to the detectors' second and third reads and their Spark state (docs/benchmarks.md).
 */
public final class WeblogQueries {
    public static final String INGEST = "weblog-ingest";
    /** The rate limiter's name in metrics and logs. */
    public static final String RATE_LIMIT = "weblog-ratelimit";
    /** The surge detector's name in metrics and logs. */
    public static final String ERROR_SURGE = "weblog-errorsurge";

    private final SparkSession spark;
    private final StreamSettings settings;
    private final WeblogSettings weblog;
    private final KafkaOutput kafka;
    private final WeblogMetrics metrics;

    public WeblogQueries(SparkSession spark, StreamSettings settings, WeblogSettings weblog, KafkaOutput kafka,
            WeblogMetrics metrics) {
        this.spark = spark;
        this.settings = settings;
        this.weblog = weblog;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /** The query's parquet outputs, for the check that its checkpoint covers them. */
    public static java.util.Map<String, List<String>> outputs(StreamSettings settings) {
        return java.util.Map.of(INGEST, List.of(settings.output(S3Layout.WEBLOG_EVENTS),
                settings.output(S3Layout.WEBLOG_DEADLETTER), settings.output(S3Layout.RATELIMIT_ALERTS),
                settings.output(S3Layout.ERRORSURGE_ALERTS)));
    }

    /** The query, for the supervisor. */
    public List<ManagedQuery> queries() {
        return List.of(new ManagedQuery(INGEST, this::startIngest));
    }

    /**
     * The {@code weblog} topic as a stream, read whole each batch: {@code --max-offsets-per-trigger}
     * does not apply. Spark shares that limit among partitions by their backlog, not by time, so a
     * partition holding a burst (an abusive host's lines) would fall minutes behind the other in
     * event time, and the detectors would see its next lines as late. A backlog is one batch.
     */
    private Dataset<Row> source() {
        var reader = spark.readStream()
                .format("kafka")
                .option("subscribe", Topics.WEBLOG)
                .option("startingOffsets", settings.startingOffsets())
                .option("kafka.max.partition.fetch.bytes", String.valueOf(4 << 20))
                // at the end of the topic a fetch waits this long for more: 500 ms by default, per batch
                .option("kafka.fetch.max.wait.ms", "20")
                // hosts hash unevenly over the partitions: even offset ranges keep both cores busy
                .option("minPartitions", String.valueOf(4 * spark.sparkContext().defaultParallelism()))
                // a record deleted by retention before it was read is logged by Spark, not fatal
                .option("failOnDataLoss", "false");
        // bootstrap and --kafka-config, after the tuning above, which the file may change
        return reader.options(settings.kafka().sparkOptions()).load();
    }

    private StreamingQuery startIngest() {
        WeblogDetectors detectors = new WeblogDetectors(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                weblog.rateLimiter(), weblog.surge(),
                new DetectorStore(settings.checkpoint(INGEST), spark.sparkContext().hadoopConfiguration()),
                new RateLimitOutput(spark, new ParquetSink(spark, settings.output(S3Layout.RATELIMIT_ALERTS),
                        List.of(S3Layout.DATE_PARTITION), settings.retention()), kafka, metrics),
                new SurgeAlerts(spark, new ParquetSink(spark, settings.output(S3Layout.ERRORSURGE_ALERTS),
                        List.of(S3Layout.DATE_PARTITION), settings.retention()), kafka, metrics),
                metrics);
        WeblogIngestBatch batch = new WeblogIngestBatch(spark, new AccessLogParser(settings.maxFuture().toSeconds()), kafka,
                metrics,
                new ParquetSink(spark, settings.output(S3Layout.WEBLOG_EVENTS), List.of(LineSchema.DATE),
                        settings.retention()),
                new ParquetSink(spark, settings.output(S3Layout.WEBLOG_DEADLETTER), List.of(LineSchema.DATE),
                        settings.retention()),
                detectors);
        return start(common(source().writeStream(), INGEST).foreachBatch(batch));
    }

    private <T> DataStreamWriter<T> common(DataStreamWriter<T> writer, String query) {
        return writer.queryName(query)
                .option("checkpointLocation", settings.checkpoint(query))
                .trigger(settings.once() ? Trigger.AvailableNow() : Trigger.ProcessingTime(settings.trigger().toMillis()));
    }

    private static StreamingQuery start(DataStreamWriter<Row> writer) {
        try {
            return writer.start();
        } catch (TimeoutException e) {
            throw new IllegalStateException("the query did not start in time", e);
        }
    }
}
