package dev.stophack.streaming.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.streaming.attacks.PredictionFeed;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.parse.DeadLetterReason;
import dev.stophack.streaming.parse.Plausibility;
import dev.stophack.streaming.scoring.LoadedModel;
import dev.stophack.streaming.scoring.ModelSelection;
import dev.stophack.streaming.scoring.Scorer;
import dev.stophack.streaming.scoring.ShadowScoring;
import dev.stophack.streaming.status.BatchStatus;
import dev.stophack.streaming.status.StatusPublisher;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of the ingest query, from Kafka records to every output that needs no state:
 *
 * <ol>
 *   <li>parse all records once (Jackson, in the tasks), score each readable event there with
 *       the model chosen for this batch id (see {@link dev.stophack.streaming.scoring.RowScorer})
 *       and keep the rows in memory;</li>
 *   <li>dead letters to {@code deadletter/} (exactly once) and the {@code deadletter} topic;</li>
 *   <li>per kind, write the scored events to {@code events/<kind>/} (exactly once); a model the
 *       row scorer does not know scores them here, by Spark ML's transform;</li>
 *   <li>publish the predicted attacks, then a heartbeat per kind, to the prediction feed;</li>
 *   <li>while a candidate is in shadow, compare its predictions with the active model's, once
 *       the kind's outputs are written (see {@link ShadowScoring});</li>
 *   <li>last, one status record of the batch to {@code stream-status}.</li>
 * </ol>
 *
 * Every record ends in exactly one of {@code events/process}, {@code events/memory} and
 * {@code deadletter}: produced = persisted + dead-lettered.
 */
public final class IngestBatch implements VoidFunction2<Dataset<Row>, Long> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IngestBatch.class);

    private final transient SparkSession spark;
    private final transient Plausibility plausibility;
    private final transient ModelSelection models;
    private final transient KafkaOutput kafka;
    private final transient StreamMetrics metrics;
    private final transient ParquetSink deadLetters;
    private final transient Map<EventKind, ParquetSink> events;
    private final transient ShadowScoring shadow;
    private final transient StatusPublisher status;
    private final transient Supplier<Optional<Instant>> watermark;

    /**
     * @param watermark the windows' watermark as last reported, for the status record
     */
    public IngestBatch(SparkSession spark, Plausibility plausibility, ModelSelection models, KafkaOutput kafka,
            StreamMetrics metrics, ParquetSink deadLetters, Map<EventKind, ParquetSink> events, ShadowScoring shadow,
            StatusPublisher status, Supplier<Optional<Instant>> watermark) {
        this.spark = spark;
        this.plausibility = plausibility;
        this.models = models;
        this.kafka = kafka;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.events = events;
        this.shadow = shadow;
        this.status = status;
        this.watermark = watermark;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        long started = System.nanoTime();
        BatchStats stats = new BatchStats();
        spark.sparkContext().register(stats, "ingest-batch-" + batchId);
        List<JavaRDD<InternalRow>> cached = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            // one read time for the whole batch, taken on the driver and kept for a replay: every task,
            // and every attempt, judges event times by the same clock
            ModelSelection.BatchStart start = models.forBatch(batchId, System.currentTimeMillis() * 1000);
            Map<EventKind, LoadedModel> chosen = start.models();
            Map<EventKind, LoadedModel> candidates = start.candidates();
            Instant readAt = Instant.EPOCH.plus(start.readMicros(), ChronoUnit.MICROS);
            JavaRDD<InternalRow> parsed = RecordParser.parse(batch, plausibility, start.readMicros(), stats, chosen,
                    candidates).persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(parsed);
            describe(batchId, "parse" + (chosen.values().stream().anyMatch(RecordParser::scoresInTasks) ? " and score" : ""));
            parsed.count(); // one pass over Kafka: every later step reads the cached rows
            BatchStats.Snapshot seen = stats.value();

            // the outputs are independent: run their jobs side by side, so that one's tail and S3
            // commit overlap with the other's work instead of leaving a core idle
            Map<EventKind, Long> attacksByTransform = new ConcurrentHashMap<>();
            List<Future<Dataset<Row>>> steps = new ArrayList<>();
            steps.add(pool().submit(() -> {
                describe(batchId, "dead letters");
                Dataset<Row> dead = frame(parsed.filter(RowSelector.deadLetters()));
                deadLetters.write(batchId, dead.select(ParsedSchema.deadLetterColumns()));
                if (seen.deadLetters() > 0) {
                    // every field of the record, null ones too (a record without a value has no raw)
                    kafka.send(dead.select(col(ParsedSchema.TOPIC).as("key"),
                            to_json(struct(ParsedSchema.deadLetterRecord()), Map.of("ignoreNullFields", "false"))
                                    .as("value")), Topics.DEADLETTER);
                }
                return null;
            }));
            for (EventKind kind : EventKind.values()) {
                LoadedModel model = chosen.get(kind);
                LoadedModel candidate = candidates.get(kind);
                steps.add(pool().submit(() -> {
                    describe(batchId, "events/" + kind.id() + (model == null ? " (no model)" : " scored by v" + model.version()));
                    Dataset<Row> rows = frame(parsed.filter(RowSelector.eventsOf(kind)));
                    Dataset<Row> scored = RecordParser.scoresInTasks(model)
                            ? Scorer.scoredInTasks(rows, kind)
                            : Scorer.score(rows.select(ParsedSchema.eventColumns(kind)), kind, model);
                    boolean publishes = model != null && seen.events(kind) > 0;
                    if (publishes && !RecordParser.scoresInTasks(model)) {
                        scored = cache(scored, cached); // written to parquet, then its attacks published
                    }
                    events.get(kind).write(batchId, scored);
                    if (publishes) {
                        describe(batchId, "prediction feed: " + kind.id() + " attacks");
                        PredictionFeed.publish(kafka, List.of(PredictionFeed.attacks(kind, scored)));
                        if (!RecordParser.scoresInTasks(model)) {
                            // the parsing tasks counted no attack of this kind: count the cached rows
                            attacksByTransform.put(kind, scored.filter(col(Scorer.PREDICTION).equalTo(1.0)).count());
                        }
                    }
                    if (candidate != null && seen.events(kind) > 0) {
                        // after the outputs: whatever the candidate does, they are already written
                        describe(batchId, "shadow: " + kind.id() + " v" + candidate.version() + " beside v" + model.version());
                        shadow.record(kind, batchId, model, candidate, rows, scored,
                                RecordParser.shadowsInTasks(model, candidate), readAt);
                    }
                    return null;
                }));
            }
            awaitAll(steps);
            Map<EventKind, Long> heartbeats = new EnumMap<>(EventKind.class);
            for (EventKind kind : EventKind.values()) {
                if (seen.events(kind) > 0) {
                    heartbeats.put(kind, seen.latestMicros(kind));
                }
            }
            if (!heartbeats.isEmpty()) {
                // only after every attack of the batch is acknowledged: a window or join query that
                // sees this heartbeat (and moves its watermark) can then also see all those attacks
                describe(batchId, "prediction feed: heartbeats");
                PredictionFeed.publish(kafka, List.of(PredictionFeed.heartbeats(spark, heartbeats)));
            }
            describe(batchId, "status");
            status.publish(BatchStatus.of(batchId, chosen, candidates, readAt, seen, attacksByTransform, watermark.get()));
            report(batchId, seen, chosen, candidates, System.nanoTime() - started);
        } finally {
            cached.forEach(JavaRDD::unpersist);
            spark.sparkContext().setJobDescription(null);
        }
    }

    private Dataset<Row> frame(JavaRDD<InternalRow> parsedRows) {
        return spark.internalCreateDataFrame(parsedRows.rdd(), ParsedSchema.SCHEMA, false);
    }

    /**
     * {@code df}'s rows kept in memory (spilling to disk) as Spark's binary rows: cheaper to build
     * than a columnar cache, and read back without decoding.
     */
    private Dataset<Row> cache(Dataset<Row> df, List<JavaRDD<InternalRow>> cached) {
        JavaRDD<InternalRow> rdd = df.queryExecution().toRdd().toJavaRDD().map(InternalRow::copy)
                .persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(rdd);
        return spark.internalCreateDataFrame(rdd.rdd(), df.schema(), false);
    }

    private transient ExecutorService pool;

    /** Threads that submit the batch's independent Spark jobs; daemons, so they never hold the JVM. */
    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(EventKind.values().length + 1, r -> {
                Thread t = new Thread(r, "ingest-step");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /**
     * The steps' results; when one failed, its error once every step has ended, so that no job of
     * this attempt still writes when Spark retries the batch.
     */
    static <T> List<T> awaitAll(List<Future<T>> steps) {
        List<T> results = new ArrayList<>();
        Throwable failure = null;
        for (Future<T> step : steps) {
            try {
                results.add(step.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure != null && Thread.currentThread().isInterrupted()) {
            // the query is stopping (SIGTERM, stop()): in the words Spark takes for a stop, so that a
            // clean stop is logged as one and not as a query "terminated with error"
            InterruptedIOException stop = new InterruptedIOException("ingest batch interrupted: the query is stopping");
            stop.initCause(failure);
            throw new UncheckedIOException(stop);
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw new IllegalStateException("a step of the micro-batch failed: " + failure, failure);
        }
        return results;
    }

    private void describe(long batchId, String step) {
        spark.sparkContext().setJobDescription("ingest batch " + batchId + ": " + step);
    }

    private void report(long batchId, BatchStats.Snapshot seen, Map<EventKind, LoadedModel> chosen,
            Map<EventKind, LoadedModel> candidates, long nanos) {
        StringBuilder kinds = new StringBuilder();
        for (EventKind kind : EventKind.values()) {
            metrics.events(kind, seen.events(kind));
            LoadedModel m = chosen.get(kind);
            LoadedModel c = candidates.get(kind);
            kinds.append(", ").append(kind).append(' ').append(seen.events(kind))
                    .append(m == null ? " (unscored)" : " (v" + m.version() + (c == null ? ")" : ", candidate v" + c.version() + ")"));
        }
        StringBuilder reasons = new StringBuilder();
        for (DeadLetterReason r : DeadLetterReason.values()) {
            long n = seen.deadLetters(r);
            if (n > 0) {
                metrics.deadLetters(r, n);
                reasons.append(reasons.length() == 0 ? " (" : ", ").append(r.code()).append(' ').append(n);
            }
        }
        if (reasons.length() > 0) {
            reasons.append(')');
        }
        if (seen.records() > 0) {
            LOG.info("ingest batch {}: {} records{}, {} dead letters{} in {} ms", batchId, seen.records(), kinds,
                    seen.deadLetters(), reasons, nanos / 1_000_000);
        }
    }
}
