package dev.stophack.streaming.weblog;

import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.run.ManagedQuery;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.weblog.detect.Requests;
import dev.stophack.streaming.weblog.ingest.LineSchema;
import dev.stophack.streaming.weblog.ingest.WeblogIngestBatch;
import dev.stophack.streaming.weblog.parse.AccessLogParser;
import dev.stophack.streaming.weblog.ratelimit.RateLimitQuery;
import dev.stophack.streaming.weblog.surge.BaselineStore;
import dev.stophack.streaming.weblog.surge.SurgeBatch;
import dev.stophack.streaming.weblog.surge.SurgeQuery;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The web access-log queries of the streaming job, each reading the {@code weblog} topic on its
 * own and parsing with the same {@link AccessLogParser}, each with its checkpoint under the job's
 * checkpoint root, all three kept running by the job's supervisor:
 *
 * <ul>
 *   <li>{@value #INGEST}: lines → {@code events/weblog/}, dead letters → {@code deadletter-weblog/}
 *       and the {@code deadletter} topic;</li>
 *   <li>{@value #RATE_LIMIT}: requests per host in sliding windows → {@code alerts/ratelimit/} and
 *       the {@code blocklist} topic;</li>
 *   <li>{@value #ERROR_SURGE}: error shares per window against their baselines, URL-busting scans
 *       → {@code alerts/errorsurge/} and the {@code alerts} topic.</li>
 * </ul>
 *
 * None depends on another, so they run side by side, also with {@code --once}.
 */
public final class WeblogQueries {
    public static final String INGEST = "weblog-ingest";
    public static final String RATE_LIMIT = "weblog-ratelimit";
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

    /** Each query's parquet outputs, for the check that its checkpoint covers them. */
    public static java.util.Map<String, List<String>> outputs(StreamSettings settings) {
        java.util.Map<String, List<String>> outputs = new java.util.LinkedHashMap<>();
        outputs.put(INGEST, List.of(settings.output(S3Layout.WEBLOG_EVENTS), settings.output(S3Layout.WEBLOG_DEADLETTER)));
        outputs.put(RATE_LIMIT, List.of(settings.output(S3Layout.RATELIMIT_ALERTS)));
        outputs.put(ERROR_SURGE, List.of(settings.output(S3Layout.ERRORSURGE_ALERTS)));
        return outputs;
    }

    /** The three queries, for the supervisor. */
    public List<ManagedQuery> queries() {
        return List.of(new ManagedQuery(INGEST, this::startIngest), new ManagedQuery(RATE_LIMIT, this::startRateLimit),
                new ManagedQuery(ERROR_SURGE, this::startErrorSurge));
    }

    private AccessLogParser parser() {
        return new AccessLogParser(settings.maxFuture().toSeconds());
    }

    /**
     * The {@code weblog} topic as a stream. Only the ingest query reads at most
     * {@code --max-offsets-per-trigger} records a batch: Spark shares that limit among partitions
     * by their backlog, not by time, so a partition holding a burst (an abusive host's lines)
     * would fall minutes behind the other in event time, and the detectors would see its next
     * lines as late. The detectors read what is there, a backlog in one batch.
     */
    private Dataset<Row> source(boolean limited) {
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
        if (limited) {
            reader = reader.option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger());
        }
        // bootstrap and --kafka-config, after the tuning above, which the file may change
        return reader.options(settings.kafka().sparkOptions()).load();
    }

    private StreamingQuery startIngest() {
        WeblogIngestBatch batch = new WeblogIngestBatch(spark, parser(), kafka, metrics,
                new ParquetSink(spark, settings.output(S3Layout.WEBLOG_EVENTS), List.of(LineSchema.DATE),
                        settings.retention()),
                new ParquetSink(spark, settings.output(S3Layout.WEBLOG_DEADLETTER), List.of(LineSchema.DATE),
                        settings.retention()));
        return start(common(source(true).writeStream(), INGEST).foreachBatch(batch));
    }

    private StreamingQuery startRateLimit() {
        Dataset<Row> decisions = RateLimitQuery.decisions(Requests.hosts(source(false), parser()), weblog.rateLimiter(),
                weblog.watermark().toMillis() + " milliseconds");
        ParquetSink parquet = new ParquetSink(spark, settings.output(S3Layout.RATELIMIT_ALERTS), List.of(S3Layout.DATE_PARTITION),
                settings.retention());
        return start(common(decisions.writeStream(), RATE_LIMIT).outputMode(OutputMode.Append())
                .foreachBatch(RateLimitQuery.writer(parquet, kafka, metrics)));
    }

    private StreamingQuery startErrorSurge() {
        Dataset<Row> counts = SurgeQuery.counts(Requests.of(source(false), parser()), weblog.surge());
        SurgeBatch batch = new SurgeBatch(spark, weblog.surge(),
                new BaselineStore(settings.checkpoint(ERROR_SURGE), spark.sparkContext().hadoopConfiguration()),
                new ParquetSink(spark, settings.output(S3Layout.ERRORSURGE_ALERTS), List.of(S3Layout.DATE_PARTITION),
                        settings.retention()), kafka,
                metrics);
        return start(common(counts.writeStream(), ERROR_SURGE).outputMode(OutputMode.Append()).foreachBatch(batch));
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
