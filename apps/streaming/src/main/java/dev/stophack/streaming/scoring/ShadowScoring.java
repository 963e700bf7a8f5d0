package dev.stophack.streaming.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.models.ModelStore;
import dev.stophack.streaming.ingest.ParsedSchema;
import dev.stophack.streaming.metrics.StreamMetrics;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a batch's candidate with its active model and records the result: one
 * {@link ShadowStats} line per batch under the candidate's {@code shadow/} folder (a replayed
 * batch replaces its own line) and the shadow metrics. It only reads what the active model
 * already scored, after its outputs are written, and contains every failure of its own (a
 * candidate that throws, S3 refusing the line): those are logged and counted, and the batch goes
 * on as if there were no candidate. So shadow scoring cannot change what the active model writes.
 */
public final class ShadowScoring {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowScoring.class);
    /** The active model's prediction, renamed out of the way of the candidate's own columns. */
    static final String ACTIVE_PREDICTION = "__active_prediction";

    private final ModelStore store;
    private final StreamMetrics metrics;

    public ShadowScoring(ModelStore store, StreamMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Records batch {@code batchId}'s comparison for {@code kind}.
     *
     * @param rows    the kind's parsed rows ({@link ParsedSchema}); used when the parsing tasks
     *                scored the candidate into {@link ParsedSchema#SHADOW_PREDICTION}
     * @param scored  the kind's events as persisted (see {@link Scorer}); scored again by the
     *                candidate's transform otherwise
     * @param inTasks whether the parsing tasks scored the candidate
     * @param at      when the batch was first read (a replay writes the same line)
     */
    public void record(EventKind kind, long batchId, LoadedModel active, LoadedModel candidate, Dataset<Row> rows,
            Dataset<Row> scored, boolean inTasks, Instant at) {
        try {
            Counts c = inTasks
                    ? compare(rows, ParsedSchema.PREDICTION, ParsedSchema.SHADOW_PREDICTION)
                    : compare(candidate.model().transform(scored.withColumnRenamed(Scorer.PREDICTION, ACTIVE_PREDICTION)
                            .drop(Scorer.P_ATTACK, Scorer.MODEL_VERSION)), ACTIVE_PREDICTION, Scorer.PREDICTION);
            store.putShadowStats(kind, candidate.version(), new ShadowStats(batchId, active.version(), c.scored(),
                    c.disagreed(), c.activeAttacks(), c.shadowAttacks(), at));
            metrics.shadowScored(kind, c.scored(), c.disagreed());
            LOG.info("ingest batch {}: {} candidate v{} beside v{}: {} events scored by both, {} predicted differently"
                    + " (attacks: {} by v{}, {} by v{})", batchId, kind, candidate.version(), active.version(), c.scored(),
                    c.disagreed(), c.activeAttacks(), active.version(), c.shadowAttacks(), candidate.version());
        } catch (Exception e) { // Spark's checked exceptions come undeclared from Scala
            metrics.shadowFailed(kind);
            LOG.warn("ingest batch {}: the shadow scoring of {} candidate v{} failed, no shadow line for this batch: {}",
                    batchId, kind, candidate.version(), firstLine(e));
        }
    }

    /**
     * What the two predictions say, over the rows both scored.
     *
     * @param scored        rows both predicted
     * @param disagreed     of those, rows the two predicted differently
     * @param activeAttacks of those, rows the active model predicted as attack
     * @param shadowAttacks of those, rows the candidate predicted as attack
     */
    record Counts(long scored, long disagreed, long activeAttacks, long shadowAttacks) {
    }

    /** One aggregation over {@code rows}, whose column {@code active} and {@code shadow} hold the two predictions. */
    static Counts compare(Dataset<Row> rows, String active, String shadow) {
        Column a = col(active);
        Column s = col(shadow);
        Column both = a.isNotNull().and(s.isNotNull());
        Row r = rows.agg(
                count(when(both, lit(1))),
                count(when(both.and(a.notEqual(s)), lit(1))),
                count(when(both.and(a.equalTo(1.0)), lit(1))),
                count(when(both.and(s.equalTo(1.0)), lit(1)))).first();
        return new Counts(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage() == null ? root.toString() : root.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
