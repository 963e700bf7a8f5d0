package dev.stophack.streaming.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.streaming.StreamJob;
import dev.stophack.streaming.attacks.DetectedAttacks;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.settings.StreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Detection latency: the job running as deployed (5 s trigger), events sent in real time at the
 * producers' schedule for a few minutes, and for each detected attack the time from the later of
 * its two events' event time to its first record on the {@code attacks} topic (the record's Kafka
 * timestamp) and to the commit of the parquet file that holds it (the write time of the first
 * {@code _spark_metadata} entry that lists the file).
 */
final class DetectionLatency {
    /** Seconds per attack, to the topic and to the parquet; the events sent. */
    record Result(List<Double> toTopic, List<Double> toParquet, long sent, int missingFromParquet) {
    }

    private DetectionLatency() {
    }

    static Result measure(StreamingBenchmark bench, Path work, Duration sending, Duration tail) throws Exception {
        try (StreamServices services = bench.services(work)) {
            bench.activateModels(services);
            SparkSession spark = StreamingBenchmark.session(services);
            StreamSettings settings = StreamingBenchmark.deployedSettings(services, "");
            long sent;
            Map<AttackKey, Long> published;
            try (StreamJob job = new StreamJob(spark, settings, StreamingBenchmark.store(services), new StreamMetrics()).start()) {
                awaitFirstBatches(spark, Duration.ofMinutes(5));
                try (AttacksLog attacks = new AttacksLog(services.bootstrapServers())) {
                    PacedEvents paced = new PacedEvents(services.bootstrapServers())
                            .start(EventKind.PROCESS, work.resolve(TelemetryGenerator.PROCESS_STREAM), 1)
                            .start(EventKind.MEMORY, work.resolve(TelemetryGenerator.MEMORY_STREAM), 2);
                    System.out.printf("%ndetection latency: sending at the producers' schedule for %d s, then %d s for the"
                            + " last batches%n", sending.toSeconds(), tail.toSeconds());
                    Thread.sleep(sending.toMillis());
                    paced.close();
                    sent = paced.sent().size();
                    if (paced.failures() > 0) {
                        throw new IllegalStateException(paced.failures() + " sends failed");
                    }
                    Thread.sleep(tail.toMillis());
                    published = attacks.published();
                }
            }
            List<Double> toTopic = new ArrayList<>();
            published.forEach((key, ts) -> toTopic.add((ts - key.eventMs()) / 1000.0));
            Map<AttackKey, Long> committed = parquetCommits(spark, services, settings);
            List<Double> toParquet = new ArrayList<>();
            committed.forEach((key, ms) -> toParquet.add((ms - key.eventMs()) / 1000.0));
            int missing = 0;
            for (AttackKey key : published.keySet()) {
                if (!committed.containsKey(key)) {
                    missing++;
                }
            }
            System.out.printf("  %,d events sent, %,d attacks on the topic, %,d in the parquet (%d of the topic's not in it)%n",
                    sent, published.size(), committed.size(), missing);
            return new Result(toTopic, toParquet, sent, missing);
        }
    }

    /** Waits until every query of the job has finished a batch, so that start-up is not counted as latency. */
    private static void awaitFirstBatches(SparkSession spark, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            StreamingQuery[] active = spark.streams().active();
            boolean all = active.length >= 4;
            for (StreamingQuery q : active) {
                all &= q.lastProgress() != null;
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the job's queries did not all finish a batch within " + deadline);
    }

    /** Each attack in the parquet once, with the earliest commit of a file that holds it (epoch ms). */
    private static Map<AttackKey, Long> parquetCommits(SparkSession spark, StreamServices services, StreamSettings settings) {
        SinkLogCommits commits = new SinkLogCommits();
        String prefix = S3Layout.DETECTED_ATTACKS + "/_spark_metadata/";
        for (S3Object o : services.s3Client().listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(services.bucket())
                .prefix(prefix).build()).contents()) {
            if (!SinkLogCommits.isEntry(o.key().substring(prefix.length()))) {
                continue;
            }
            ResponseBytes<GetObjectResponse> text = services.s3Client().getObjectAsBytes(b -> b.bucket(services.bucket())
                    .key(o.key()));
            commits.entry(text.asUtf8String(), o.lastModified().toEpochMilli());
        }
        Map<AttackKey, Long> committed = new HashMap<>();
        List<Row> rows = spark.read().parquet(settings.output(S3Layout.DETECTED_ATTACKS))
                .select(col(EventKind.MACHINE), col("CMD_PID"), col(DetectedAttacks.PROCESS_EVENT_TIME).cast("string"),
                        col(DetectedAttacks.MEMORY_EVENT_TIME).cast("string"), input_file_name())
                .collectAsList();
        for (Row r : rows) {
            Long at = commits.committed(r.getString(4));
            if (at == null) {
                throw new IllegalStateException("a parquet file read but in no sink log entry: " + r.getString(4));
            }
            AttackKey key = new AttackKey(((Number) r.get(0)).intValue(), r.getString(1), AttackKey.sparkTextMs(r.getString(2)),
                    AttackKey.sparkTextMs(r.getString(3)));
            committed.merge(key, at, Math::min);
        }
        return committed;
    }
}
