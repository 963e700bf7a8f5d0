package dev.stophack.streaming;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.ModelStore;
import dev.stophack.streaming.attacks.DetectedAttacks;
import dev.stophack.streaming.attacks.PotentialAttacks;
import dev.stophack.streaming.attacks.PredictionFeed;
import dev.stophack.streaming.ingest.IngestBatch;
import dev.stophack.streaming.ingest.ParsedSchema;
import dev.stophack.streaming.metrics.BatchListener;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.metrics.Watermarks;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.output.RetentionSweeper;
import dev.stophack.streaming.parse.Plausibility;
import dev.stophack.streaming.run.ManagedQuery;
import dev.stophack.streaming.run.QuerySupervisor;
import dev.stophack.streaming.run.SinkLogCheck;
import dev.stophack.streaming.scoring.ActiveModels;
import dev.stophack.streaming.scoring.BatchModelLog;
import dev.stophack.streaming.scoring.ModelSelection;
import dev.stophack.streaming.scoring.ShadowScoring;
import dev.stophack.streaming.status.StatusPublisher;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.weblog.WeblogMetrics;
import dev.stophack.streaming.weblog.WeblogQueries;
import dev.stophack.streaming.weblog.WeblogSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job: four queries under one supervisor.
 *
 * <ul>
 *   <li>{@code ingest}: Kafka {@code process} + {@code memory} → parse → dead letters, scored
 *       events → {@code events/<kind>/}, attacks and heartbeats → the prediction feed;</li>
 *   <li>{@code potential-attacks}: feed → distinct CMD_PIDs per machine and 2-minute window →
 *       {@code attacks/potential/} (final counts, once the watermark passes the window);</li>
 *   <li>{@code attack-counts}: the same counts, updated every trigger → {@code attack-counts};</li>
 *   <li>{@code detected-attacks}: feed process ⋈ feed memory → {@code attacks/detected/} and
 *       {@code attacks}.</li>
 * </ul>
 *
 * And, unless told otherwise ({@link WeblogSettings.Mode}), the three web access-log queries of
 * {@link WeblogQueries} under the same supervisor.
 */
public final class StreamJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamJob.class);

    public static final String INGEST = "ingest";
    public static final String POTENTIAL = "potential-attacks";
    public static final String COUNTS = "attack-counts";
    public static final String DETECTED = "detected-attacks";

    private final SparkSession spark;
    private final StreamSettings settings;
    private final StreamMetrics metrics;
    private final ActiveModels models;
    private final KafkaOutput kafka;
    private final QuerySupervisor supervisor;
    private final BatchListener listener;
    private final ModelStore store;
    private final Watermarks watermarks = new Watermarks();
    private final WeblogSettings weblog;
    private RetentionSweeper sweeper;
    private Thread runner;
    private volatile Throwable runnerFailure;

    /** The telemetry queries only. */
    public StreamJob(SparkSession spark, StreamSettings settings, ModelStore store, StreamMetrics metrics) {
        this(spark, settings, store, metrics, WeblogSettings.defaults(WeblogSettings.Mode.OFF));
    }

    public StreamJob(SparkSession spark, StreamSettings settings, ModelStore store, StreamMetrics metrics,
            WeblogSettings weblog) {
        this.weblog = weblog;
        this.spark = spark;
        this.settings = settings;
        this.metrics = metrics;
        this.store = store;
        this.models = new ActiveModels(spark, store, settings.modelPoll(), metrics);
        this.kafka = new KafkaOutput(settings.kafka());
        this.supervisor = new QuerySupervisor(metrics, Duration.ofSeconds(1), Duration.ofMinutes(1));
        this.listener = new BatchListener(metrics, supervisor::progressed, watermarks);
    }

    public ActiveModels models() {
        return models;
    }

    public StreamMetrics metrics() {
        return metrics;
    }

    public boolean healthy() {
        return supervisor.healthy() && runnerFailure == null;
    }

    /** Runs until every query has caught up with Kafka (only with {@code once}) or {@link #close()}. */
    public void run() throws InterruptedException {
        prepare();
        List<ManagedQuery> ingest = new java.util.ArrayList<>();
        List<ManagedQuery> attacks = new java.util.ArrayList<>();
        if (weblog.mode().telemetry()) {
            ingest.add(new ManagedQuery(INGEST, this::startIngest));
            attacks.addAll(List.of(
                    new ManagedQuery(POTENTIAL, this::startPotential),
                    new ManagedQuery(COUNTS, this::startCounts),
                    new ManagedQuery(DETECTED, this::startDetected)));
        }
        if (weblog.mode().weblog()) {
            // they read only the weblog topic: beside ingest, also with --once
            ingest.addAll(new WeblogQueries(spark, settings, weblog, kafka, new WeblogMetrics(metrics.registry())).queries());
        }
        if (settings.once()) {
            // the attack queries must see all that ingest publishes: run them after it
            supervisor.run(List.of(ingest, attacks));
        } else {
            supervisor.run(List.of(concat(ingest, attacks)));
        }
    }

    /** Starts {@link #run()} on a background thread (for tests and embedding). */
    public synchronized StreamJob start() {
        runner = new Thread(() -> {
            try {
                run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                runnerFailure = e;
                LOG.error("the streaming job stopped: {}", e.toString(), e);
            }
        }, "stream-job");
        runner.setDaemon(true);
        runner.start();
        return this;
    }

    private void prepare() {
        requireCheckpointsCoverOutputs();
        spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()));
        // a batch's events span one or two dates: a writer per date instead of sorting every row by date first
        spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", "4");
        spark.streams().addListener(listener);
        if (weblog.mode().telemetry()) {
            TopicSetup.ensure(settings.kafka(), List.of(PredictionFeed.TOPIC, Topics.STREAM_STATUS));
            models.start();
        }
        synchronized (this) {
            sweeper = RetentionSweeper.start(spark, settings.retention(), parquetOutputs());
        }
    }

    /** Every parquet output the job writes. */
    private List<String> parquetOutputs() {
        List<String> outputs = new ArrayList<>();
        if (weblog.mode().telemetry()) {
            for (EventKind kind : EventKind.values()) {
                outputs.add(settings.output(S3Layout.events(kind)));
            }
            outputs.add(settings.output(S3Layout.DEADLETTER));
            outputs.add(settings.output(S3Layout.POTENTIAL_ATTACKS));
            outputs.add(settings.output(S3Layout.DETECTED_ATTACKS));
        }
        if (weblog.mode().weblog()) {
            WeblogQueries.outputs(settings).values().forEach(outputs::addAll);
        }
        return outputs;
    }

    /**
     * Every parquet output is committed by its query's batch ids: refuse to start when one holds
     * batches its query's checkpoint does not know (see {@link SinkLogCheck}).
     */
    private void requireCheckpointsCoverOutputs() {
        List<String> events = new ArrayList<>();
        for (EventKind kind : EventKind.values()) {
            events.add(settings.output(S3Layout.events(kind)));
        }
        events.add(settings.output(S3Layout.DEADLETTER));
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        if (weblog.mode().telemetry()) {
            outputs.put(INGEST, events);
            outputs.put(POTENTIAL, List.of(settings.output(S3Layout.POTENTIAL_ATTACKS)));
            outputs.put(DETECTED, List.of(settings.output(S3Layout.DETECTED_ATTACKS)));
        }
        if (weblog.mode().weblog()) {
            outputs.putAll(WeblogQueries.outputs(settings));
        }
        outputs.forEach((query, paths) -> SinkLogCheck.requireCheckpointCovers(spark.sparkContext().hadoopConfiguration(),
                query, settings.checkpoint(query), paths));
    }

    private Trigger trigger() {
        return settings.once() ? Trigger.AvailableNow() : Trigger.ProcessingTime(settings.trigger().toMillis());
    }

    private <T> DataStreamWriter<T> common(DataStreamWriter<T> writer, String query) {
        return writer.queryName(query)
                .option("checkpointLocation", settings.checkpoint(query))
                .trigger(trigger());
    }

    private StreamingQuery startIngest() {
        Map<EventKind, ParquetSink> events = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            events.put(kind, new ParquetSink(spark, settings.output(S3Layout.events(kind)), List.of(ParsedSchema.DATE),
                    settings.retention()));
        }
        ParquetSink deadLetters = new ParquetSink(spark, settings.output(S3Layout.DEADLETTER), List.of(ParsedSchema.DATE),
                settings.retention());
        ModelSelection selection = new ModelSelection(models,
                new BatchModelLog(settings.checkpoint(INGEST), spark.sparkContext().hadoopConfiguration()),
                (kind, batchId) -> SinkLogCheck.committed(spark.sparkContext().hadoopConfiguration(),
                        settings.output(S3Layout.events(kind)), batchId), metrics);
        IngestBatch batch = new IngestBatch(spark, new Plausibility(settings.maxFuture()), selection, kafka, metrics,
                deadLetters, events, new ShadowScoring(store, metrics), new StatusPublisher(spark, kafka),
                () -> watermarks.of(POTENTIAL));
        Dataset<Row> source = spark.readStream()
                .format("kafka")
                .option("subscribe", Topics.PROCESS + "," + Topics.MEMORY)
                .option("startingOffsets", settings.startingOffsets())
                .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
                // bigger fetches: fewer round trips to the broker when catching up
                .option("kafka.max.partition.fetch.bytes", String.valueOf(4 << 20))
                // a consumer prefetches past the end of its task's range; at the end of the topic
                // the broker holds that fetch until this wait ends, and the consumer's next task
                // (the next batch) waits for it: 500 ms by default, per batch
                .option("kafka.fetch.max.wait.ms", "20")
                // machines hash unevenly over the topic partitions: split them into even offset
                // ranges so that no core waits for the one task with the busiest machines
                .option("minPartitions", String.valueOf(4 * spark.sparkContext().defaultParallelism()))
                // a record deleted by retention before it was read is logged by Spark, not fatal
                .option("failOnDataLoss", "false")
                // bootstrap and --kafka-config, after the tuning above, which the file may change
                .options(settings.kafka().sparkOptions())
                .load();
        return start(common(source.writeStream(), INGEST).foreachBatch(batch));
    }

    private StreamingQuery startPotential() {
        Dataset<Row> counts = PotentialAttacks.forParquet(PotentialAttacks.counts(PredictionFeed.read(spark, settings.kafka())));
        return start(common(counts.writeStream(), POTENTIAL)
                .outputMode(OutputMode.Append())
                .format("parquet")
                .partitionBy(ParsedSchema.DATE)
                .options(settings.retention().sinkOptions())
                .option("path", settings.output(S3Layout.POTENTIAL_ATTACKS)));
    }

    private StreamingQuery startCounts() {
        Dataset<Row> live = PotentialAttacks.forTopic(PotentialAttacks.counts(PredictionFeed.read(spark, settings.kafka())));
        return start(common(live.writeStream(), COUNTS)
                .outputMode(OutputMode.Update())
                .format("kafka")
                .options(settings.kafka().sparkOptions())
                .option("topic", Topics.ATTACK_COUNTS));
    }

    private StreamingQuery startDetected() {
        Dataset<Row> joined = DetectedAttacks.join(PredictionFeed.read(spark, settings.kafka()),
                PredictionFeed.read(spark, settings.kafka()));
        ParquetSink parquet = new ParquetSink(spark, settings.output(S3Layout.DETECTED_ATTACKS), List.of(ParsedSchema.DATE),
                settings.retention());
        KafkaOutput out = kafka;
        VoidFunction2<Dataset<Row>, Long> write = (rows, batchId) -> {
            rows.persist();
            try {
                parquet.write(batchId, rows);
                if (!rows.isEmpty()) {
                    out.sendJson(rows.drop(ParsedSchema.DATE), org.apache.spark.sql.functions.col(EventKind.MACHINE), Topics.ATTACKS);
                }
            } finally {
                rows.unpersist();
            }
        };
        return start(common(joined.writeStream(), DETECTED).outputMode(OutputMode.Append()).foreachBatch(write));
    }

    private static StreamingQuery start(DataStreamWriter<Row> writer) {
        try {
            return writer.start();
        } catch (TimeoutException e) {
            throw new IllegalStateException("the query did not start in time", e);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Stops the queries and the model poller; safe to call twice. */
    @Override
    public void close() {
        supervisor.close();
        synchronized (this) {
            if (sweeper != null) {
                sweeper.close();
            }
        }
        models.close();
        Thread t;
        synchronized (this) {
            t = runner;
        }
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        spark.streams().removeListener(listener);
    }
}
