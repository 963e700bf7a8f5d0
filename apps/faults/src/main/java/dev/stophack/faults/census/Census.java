package dev.stophack.faults.census;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.faults.feed.Produced;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Counts the streaming job's outputs with Spark in local mode, reading each through its root so
 * that only what its {@code _spark_metadata} log committed is seen (the files of a killed batch
 * are not). Never from logs or metrics: a record is persisted when its identity is in the parquet.
 */
public final class Census {
    /** The column of an event row naming the model version that scored it (the job's ParsedSchema.MODEL_VERSION). */
    static final String MODEL_VERSION = "model_version";

    private final SparkSession spark;
    private final String bucketRoot;
    /**
     * Each output's schema, as first inferred: inferring it again reads parquet footers in a Spark
     * job of its own, and the progress polls did that every few seconds (most of the runner's CPU
     * in a quick run, docs/reliability.md). An output's schema does not change within a run.
     */
    private final Map<String, StructType> schemas = new ConcurrentHashMap<>();

    /** Reads {@code s3a://BUCKET/...} from the embedded S3 at {@code endpoint}. */
    public Census(String endpoint, String bucket) {
        this.spark = RunnerSpark.at(endpoint, bucket);
        this.bucketRoot = "s3a://" + bucket;
    }

    /** The output root of a run: the bucket, or a folder in it ({@code --output}). */
    public String root(String folder) {
        return folder.isEmpty() ? bucketRoot : bucketRoot + "/" + folder;
    }

    /** Every produced record of every kind, looked up in {@code events/} and {@code deadletter/} under {@code root}. */
    public Tally count(String root, Produced produced) {
        Tally total = Tally.NONE;
        for (EventKind kind : EventKind.values()) {
            total = total.plus(count(root, kind, produced.good(kind.topic()), produced.bad(kind.topic())));
        }
        return total;
    }

    private Tally count(String root, EventKind kind, Map<Integer, BitSet> good, Map<Integer, BitSet> bad) {
        Ids inEvents = new Ids();
        Ids inDead = new Ids();
        long duplicated = 0;
        long unknown = 0;
        long noReason = 0;
        Dataset<Row> events = read(root + "/" + S3Layout.events(kind));
        if (events != null) {
            for (Iterator<Row> it = events.select("kafka_partition", "kafka_offset").toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                int p = ((Number) r.get(0)).intValue();
                long o = ((Number) r.get(1)).longValue();
                if (!inEvents.add(p, o)) {
                    duplicated++;
                }
                if (!has(good, p, o) && !has(bad, p, o)) {
                    unknown++;
                }
            }
        }
        Dataset<Row> dead = read(root + "/" + S3Layout.DEADLETTER);
        if (dead != null) {
            Dataset<Row> mine = dead.filter(dead.col(DeadLetter.TOPIC).equalTo(kind.topic()))
                    .select(DeadLetter.PARTITION, DeadLetter.OFFSET, DeadLetter.REASON);
            for (Iterator<Row> it = mine.toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                int p = ((Number) r.get(0)).intValue();
                long o = ((Number) r.get(1)).longValue();
                if (!inDead.add(p, o) || inEvents.has(p, o)) {
                    duplicated++;
                }
                if (!has(good, p, o) && !has(bad, p, o)) {
                    unknown++;
                }
                if (r.isNullAt(2) || r.getString(2).isBlank()) {
                    noReason++;
                }
            }
        }
        long produced = 0;
        long persisted = 0;
        long deadLettered = 0;
        long lost = 0;
        long misplaced = 0;
        for (var e : good.entrySet()) {
            BitSet ids = e.getValue();
            for (int o = ids.nextSetBit(0); o >= 0; o = ids.nextSetBit(o + 1)) {
                produced++;
                if (inEvents.has(e.getKey(), o)) {
                    persisted++;
                } else if (inDead.has(e.getKey(), o)) {
                    misplaced++;
                } else {
                    lost++;
                }
            }
        }
        for (var e : bad.entrySet()) {
            BitSet ids = e.getValue();
            for (int o = ids.nextSetBit(0); o >= 0; o = ids.nextSetBit(o + 1)) {
                produced++;
                if (inDead.has(e.getKey(), o)) {
                    deadLettered++;
                } else if (inEvents.has(e.getKey(), o)) {
                    misplaced++;
                } else {
                    lost++;
                }
            }
        }
        return new Tally(produced, persisted, deadLettered, lost, duplicated, misplaced, unknown, noReason);
    }

    /**
     * An output's rows, each as its values in column-name order without the columns {@code except},
     * sorted: two runs' outputs are equal when these lists are.
     */
    public List<String> rows(String root, String output, Set<String> except) {
        Dataset<Row> df = read(root + "/" + output);
        if (df == null) {
            return List.of();
        }
        String[] columns = Arrays.stream(df.columns()).filter(c -> !except.contains(c)).sorted().toArray(String[]::new);
        List<String> rows = new ArrayList<>();
        for (Row r : df.selectExpr(Arrays.stream(columns).map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList()) {
            rows.add(r.mkString("|"));
        }
        rows.sort(null);
        return rows;
    }

    /** The rows of {@code events/<kind>/} under {@code root} by the model version that scored them. */
    public Map<Integer, Long> byModelVersion(String root, EventKind kind) {
        Dataset<Row> df = read(root + "/" + S3Layout.events(kind));
        Map<Integer, Long> counts = new java.util.HashMap<>();
        if (df != null) {
            for (Row r : df.groupBy(MODEL_VERSION).count().collectAsList()) {
                counts.put(r.isNullAt(0) ? null : r.getInt(0), r.getLong(1));
            }
        }
        return counts;
    }

    /** Rows of an output, without reading its identities: for progress polls. */
    public long size(String root, String output) {
        Dataset<Row> df = read(root + "/" + output);
        return df == null ? 0 : df.count();
    }

    /** The output read through its root, or null when nothing was committed to it yet. */
    private Dataset<Row> read(String path) {
        try {
            StructType known = schemas.get(path);
            if (known != null) {
                return spark.read().schema(known).parquet(path);
            }
            Dataset<Row> df = spark.read().parquet(path);
            schemas.put(path, df.schema());
            return df;
        } catch (Exception e) { // Spark's AnalysisException: checked, but thrown from Scala without a throws clause
            String m = String.valueOf(e.getMessage());
            if (m.contains("Unable to infer schema") || m.contains("PATH_NOT_FOUND")) {
                return null;
            }
            throw new IllegalStateException("cannot read " + path + ": " + m, e);
        }
    }

    private static boolean has(Map<Integer, BitSet> ids, int partition, long offset) {
        BitSet b = ids.get(partition);
        return b != null && offset <= Integer.MAX_VALUE && b.get((int) offset);
    }

    /** Identities seen, per partition. */
    private static final class Ids {
        private final Map<Integer, BitSet> seen = new java.util.HashMap<>();

        /** False when it was there already. */
        boolean add(int partition, long offset) {
            BitSet b = seen.computeIfAbsent(partition, p -> new BitSet());
            if (b.get((int) offset)) {
                return false;
            }
            b.set((int) offset);
            return true;
        }

        boolean has(int partition, long offset) {
            BitSet b = seen.get(partition);
            return b != null && b.get((int) offset);
        }
    }
}
