package dev.stophack.streaming.weblog.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.kafka.Topics;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.output.ParquetSink;
import dev.stophack.streaming.weblog.WeblogMetrics;
import dev.stophack.streaming.weblog.detect.WeblogDetectors;
import dev.stophack.streaming.weblog.parse.AccessLogParser;
import dev.stophack.streaming.weblog.parse.LineReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of the {@code weblog-ingest} query: every line parsed once, inside the tasks,
 * and kept in memory; then, side by side, the readable lines to {@code events/weblog/}, the dead
 * letters to {@code deadletter-weblog/} and the {@code deadletter} topic, and the same parsed lines
 * through both detectors ({@link WeblogDetectors}). Every record ends in exactly one of the two
 * directories: produced = persisted + dead-lettered.
 */
public final class WeblogIngestBatch implements VoidFunction2<Dataset<Row>, Long> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WeblogIngestBatch.class);

    private final transient SparkSession spark;
    private final transient AccessLogParser parser;
    private final transient KafkaOutput kafka;
    private final transient WeblogMetrics metrics;
    private final transient ParquetSink events;
    private final transient ParquetSink deadLetters;
    private final transient WeblogDetectors detectors;
    private transient ExecutorService pool;

    public WeblogIngestBatch(SparkSession spark, AccessLogParser parser, KafkaOutput kafka, WeblogMetrics metrics,
            ParquetSink events, ParquetSink deadLetters, WeblogDetectors detectors) {
        this.spark = spark;
        this.parser = parser;
        this.kafka = kafka;
        this.metrics = metrics;
        this.events = events;
        this.deadLetters = deadLetters;
        this.detectors = detectors;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        long started = System.nanoTime();
        LineStats stats = new LineStats();
        spark.sparkContext().register(stats, "weblog-batch-" + batchId);
        JavaRDD<InternalRow> parsed = LineParser.parse(batch, parser, stats).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            describe(batchId, "parse");
            parsed.count(); // one pass over Kafka: both steps read the cached rows
            LineStats.Snapshot seen = stats.value();
            List<Future<?>> steps = new ArrayList<>();
            steps.add(pool().submit(() -> {
                describe(batchId, "events/weblog");
                events.write(batchId, frame(parsed.filter(LineSelector.lines())).select(LineSchema.eventColumns()));
            }));
            steps.add(pool().submit(() -> {
                describe(batchId, "dead letters");
                writeDeadLetters(batchId, parsed, seen.deadLetters());
            }));
            steps.add(pool().submit(() -> {
                describe(batchId, "detectors");
                detectors.run(parsed, batchId, seen.latest());
            }));
            awaitAll(steps);
            report(batchId, seen, System.nanoTime() - started);
        } finally {
            parsed.unpersist();
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * The dead letters to their directory and the topic. Each pass over the cached lines reads
     * every row of the batch for a handful of dead letters: none when there are none (the sink
     * still records the batch, empty), one when there are some, kept for both outputs.
     */
    private void writeDeadLetters(long batchId, JavaRDD<InternalRow> parsed, long count) {
        JavaRDD<InternalRow> rows = count == 0 ? spark.sparkContext().<InternalRow>emptyRDD(
                scala.reflect.ClassTag$.MODULE$.apply(InternalRow.class)).toJavaRDD()
                : parsed.filter(LineSelector.deadLetters()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> dead = frame(rows);
            List<Column> parquet = new ArrayList<>(List.of(LineSchema.deadLetterColumns(Topics.WEBLOG)));
            parquet.add(col(LineSchema.KAFKA_TIME));
            parquet.add(to_date(col(LineSchema.KAFKA_TIME)).as(LineSchema.DATE));
            deadLetters.write(batchId, dead.select(parquet.toArray(Column[]::new)));
            if (count > 0) {
                kafka.sendJson(dead.select(LineSchema.deadLetterColumns(Topics.WEBLOG)), col(DeadLetter.TOPIC),
                        Topics.DEADLETTER);
            }
        } finally {
            if (count > 0) {
                rows.unpersist();
            }
        }
    }

    private Dataset<Row> frame(JavaRDD<InternalRow> rows) {
        return spark.internalCreateDataFrame(rows.rdd(), LineSchema.SCHEMA, false);
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(3, r -> {
                Thread t = new Thread(r, "weblog-ingest-step");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** Waits for every step; the first failure once all have ended, so no job of this attempt still writes on a retry. */
    private static void awaitAll(List<Future<?>> steps) {
        Throwable failure = null;
        for (Future<?> step : steps) {
            try {
                step.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw new IllegalStateException("a step of the weblog micro-batch failed: " + failure, failure);
        }
    }

    private void describe(long batchId, String step) {
        spark.sparkContext().setJobDescription("weblog-ingest batch " + batchId + ": " + step);
    }

    private void report(long batchId, LineStats.Snapshot seen, long nanos) {
        metrics.lines(seen.lines());
        StringBuilder reasons = new StringBuilder();
        for (LineReason r : LineReason.values()) {
            long n = seen.deadLetters(r);
            if (n > 0) {
                metrics.deadLetters(r, n);
                reasons.append(reasons.length() == 0 ? " (" : ", ").append(r.code()).append(' ').append(n);
            }
        }
        if (reasons.length() > 0) {
            reasons.append(')');
        }
        if (seen.lines() + seen.deadLetters() > 0) {
            LOG.info("weblog-ingest batch {}: {} lines, {} dead letters{} in {} ms", batchId, seen.lines(),
                    seen.deadLetters(), reasons, nanos / 1_000_000);
        }
    }
}
