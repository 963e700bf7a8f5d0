package dev.stophack.streaming;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.KafkaOptions;
import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.models.ModelStore;
import dev.stophack.observe.HttpEndpoint;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.Location;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.output.Retention;
import dev.stophack.streaming.parse.Plausibility;
import dev.stophack.streaming.run.ShutdownOrder;
import dev.stophack.streaming.settings.DurationText;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.weblog.WeblogOptions;
import dev.stophack.streaming.weblog.WeblogSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stophack stream}: the Spark Structured Streaming job; also the SparkApplication's main class. */
@Command(name = "stream", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {
            "The streaming job: reads process and memory events from Kafka, persists",
            "them as parquet, scores them with the active models (switching when",
            "models/<kind>/ACTIVE changes), counts potential attacks per machine and",
            "2-minute window, joins process and memory attacks, and dead-letters what",
            "it cannot read. Beside them, unless --no-weblog, the web access-log queries:",
            "lines from topic weblog to events/weblog/, a per-host rate limiter to topic",
            "blocklist and alerts/ratelimit/, error surges and URL-busting scans to topic",
            "alerts and alerts/errorsurge/ (docs/weblog.md)."})
public final class StreamCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamCommand.class);

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    S3Options s3 = new S3Options();

    @Mixin
    WeblogOptions weblog = new WeblogOptions();

    @Option(names = "--trigger", paramLabel = "DURATION", defaultValue = "5s", converter = DurationText.class,
            description = "Micro-batch interval.")
    Duration trigger;

    @Option(names = "--once", description = "Process what Kafka holds now (Trigger.AvailableNow), then exit.")
    boolean once;

    @Option(names = "--starting-offsets", paramLabel = "earliest|latest", defaultValue = "earliest",
            description = "Where to start reading when there is no checkpoint yet.")
    String startingOffsets;

    @Option(names = "--models", paramLabel = "URI",
            description = "Model root with <kind>/ACTIVE (default: s3a://BUCKET/" + S3Layout.MODELS + ").")
    String models;

    @Option(names = "--model-poll", paramLabel = "DURATION", defaultValue = "10s", converter = DurationText.class,
            description = "How often the ACTIVE pointers are read.")
    Duration modelPoll;

    @Option(names = "--max-offsets-per-trigger", paramLabel = "N", defaultValue = "500000",
            description = "At most this many Kafka records per telemetry ingest micro-batch (bounds memory when catching up;"
                    + " the 2M-event benchmark peaked at 1.5-1.75 GB of a 2 GB heap at the default). The web log's query"
                    + " reads a backlog whole: its detectors need the partitions to stay level in event time.")
    long maxOffsetsPerTrigger;

    @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "2",
            description = "Partitions of the window and join state; one per core. Fixed once a checkpoint exists.")
    int shufflePartitions;

    @Option(names = "--checkpoints", paramLabel = "URI",
            description = "Checkpoint root, one directory per query (default: s3a://BUCKET/" + S3Layout.CHECKPOINTS + ").")
    String checkpoints;

    @Option(names = "--output", paramLabel = "URI",
            description = "Root of events/, attacks/ and deadletter/ (default: s3a://BUCKET).")
    String output;

    @Option(names = "--max-future", paramLabel = "DURATION", defaultValue = "10s", converter = DurationText.class,
            description = "An event time further than this after the record's Kafka timestamp (or the time the job read"
                    + " it, if earlier) is a dead letter. It is also how far one record can move the windows' and the"
                    + " join's watermark past the broker's clock.")
    Duration maxFuture;

    @Option(names = "--retain-days", paramLabel = "DAYS", defaultValue = "0",
            description = "Delete parquet files (events, attacks, dead letters) written more than this many days ago,"
                    + " keeping each output's _spark_metadata log consistent and small; 0 keeps everything.")
    int retainDays;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
            description = "Address of the /metrics endpoint (0.0.0.0 in a pod).")
    String metricsHost;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9465",
            description = "Port of the job's /metrics and /healthz; 0 for none.")
    int metricsPort;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "4040",
            description = "Spark UI port, with Prometheus metrics at /metrics/prometheus and "
                    + "/metrics/executors/prometheus; 0 for no UI.")
    int uiPort;

    public static void main(String[] args) {
        System.exit(CommandMain.run(new StreamCommand(), args));
    }

    /** The settings these options describe. */
    StreamSettings settings() {
        String root = S3Layout.s3a(s3.bucket, "").replaceAll("/$", "");
        return new StreamSettings(kafka.connection(), output == null ? root : output,
                checkpoints == null ? root + "/" + S3Layout.CHECKPOINTS : checkpoints, trigger, once, startingOffsets,
                maxOffsetsPerTrigger, shufflePartitions, modelPoll, maxFuture, Retention.days(retainDays));
    }

    /** Whether any location is in S3, so that s3a needs credentials. */
    private boolean usesS3(StreamSettings settings) {
        return java.util.stream.Stream.of(settings.outputRoot(), settings.checkpointRoot(), modelRoot())
                .anyMatch(uri -> Location.parse(uri).isS3());
    }

    String modelRoot() {
        return models == null ? S3Layout.s3a(s3.bucket, S3Layout.MODELS) : models;
    }

    @Override
    public Integer call() throws Exception {
        StreamSettings settings = settings();
        WeblogSettings web = weblog.settings();
        new Plausibility(settings.maxFuture());
        if (metricsPort < 0 || metricsPort > 65535 || uiPort < 0 || uiPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535");
        }
        ModelStore store = new ModelStore(Location.parse(modelRoot()).open(s3));
        SparkSession spark = SparkSessions.create("stophack-stream", usesS3(settings) ? s3 : null, sparkConf(settings));
        StreamMetrics metrics = new StreamMetrics();
        try (StreamJob job = new StreamJob(spark, settings, store, metrics, web);
                HttpEndpoint server = metricsPort == 0 ? null : HttpEndpoint.start(metricsHost, metricsPort, metrics::scrape,
                        () -> job.healthy() ? null : "a query is down")) {
            ShutdownOrder.beforeSpark(job::close);
            LOG.info("streaming from {} to {} (checkpoints {}, models {}, trigger {}, {} records per batch at most){}",
                    settings.kafka(), settings.outputRoot(), settings.checkpointRoot(), modelRoot(),
                    settings.trigger().toMillis() + " ms", settings.maxOffsetsPerTrigger(),
                    server == null ? "" : "; metrics on http://" + metricsHost + ":" + server.port() + "/metrics");
            job.run();
        } finally {
            spark.stop();
        }
        return 0;
    }

    Map<String, String> sparkConf(StreamSettings settings) {
        Map<String, String> conf = new LinkedHashMap<>();
        // pools of fairscheduler.xml: a model load does not queue behind the batches' tasks
        conf.put("spark.scheduler.mode", "FAIR");
        conf.put("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()));
        conf.put("spark.sql.streaming.metricsEnabled", "true");
        if (uiPort > 0) {
            conf.put("spark.ui.enabled", "true");
            conf.put("spark.ui.port", String.valueOf(uiPort));
            conf.put("spark.ui.prometheus.enabled", "true");
            conf.put("spark.metrics.conf.*.sink.prometheusServlet.class", "org.apache.spark.metrics.sink.PrometheusServlet");
            conf.put("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus");
        } else {
            conf.put("spark.ui.enabled", "false");
        }
        conf.put("spark.ui.showConsoleProgress", "false");
        return conf;
    }
}
