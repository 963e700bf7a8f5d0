package dev.stophack.streaming.scoring;

import dev.stophack.api.events.EventKind;
import dev.stophack.spark.ModelProbe;
import dev.stophack.streaming.ingest.ParsedSchema;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a freshly loaded model before it may score a batch: it must score the probe set
 * ({@link ModelProbe}: events of its kind with blanks, NaN, infinities, extremes and unseen
 * categories, as the job feeds them) and give one prediction per event. A model fitted on other
 * columns, one that fails on such values, or one that drops rows is refused here instead of
 * failing micro-batches or losing events later.
 */
public final class ModelValidator {
    private static final Logger LOG = LoggerFactory.getLogger(ModelValidator.class);
    private final SparkSession spark;

    public ModelValidator(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Throws {@link IllegalArgumentException} saying what is wrong with {@code model}; otherwise
     * {@code model} ready to score, with its {@link RowScorer} when the pipeline compiles to one
     * that gives transform's answers for the whole probe set.
     */
    public LoadedModel validate(EventKind kind, int version, String uri, PipelineModel model) {
        List<Row> rows;
        LoadedModel byTransform = new LoadedModel(kind, version, uri, model, null);
        Dataset<Row> probe = probe(kind);
        int expected = ModelProbe.events(kind).size();
        try {
            rows = Scorer.score(probe.select(ParsedSchema.eventColumns(kind)), kind, byTransform).collectAsList();
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            throw new IllegalArgumentException("it cannot score the probe set of " + kind + " events: " + firstLine(e), e);
        }
        long predicted = rows.stream().filter(r -> !r.isNullAt(r.fieldIndex(Scorer.PREDICTION))).count();
        if (rows.size() != expected || predicted != expected) {
            throw new IllegalArgumentException("it scored " + predicted + " of the " + expected + " probe events of its kind"
                    + (rows.size() != expected ? " and returned " + rows.size() + " rows (a stage drops what it cannot read)" : ""));
        }
        Optional<RowScorer> compiled = RowScorer.compile(model, ParsedSchema.SCHEMA);
        if (compiled.isEmpty()) {
            LOG.info("{} v{}: scored by the pipeline's transform (its stages are not all known to the row scorer)", kind, version);
            return byTransform;
        }
        // the probe is a local relation: its plan hands the rows over on the driver, without a Spark
        // job that would wait for a free core while batches run
        InternalRow[] internal = probe.queryExecution().executedPlan().executeCollect();
        double[] out = new double[2];
        for (int i = 0; i < internal.length; i++) {
            compiled.get().score(internal[i], out);
            Row expectedRow = rows.get(i);
            double p = expectedRow.isNullAt(expectedRow.fieldIndex(Scorer.P_ATTACK)) ? Double.NaN
                    : expectedRow.getDouble(expectedRow.fieldIndex(Scorer.P_ATTACK));
            if (out[0] != expectedRow.getDouble(expectedRow.fieldIndex(Scorer.PREDICTION)) || Double.compare(out[1], p) != 0) {
                LOG.warn("{} v{}: the row scorer disagrees with transform on probe event {}; scoring by transform",
                        kind, version, i + 1);
                return byTransform;
            }
        }
        return new LoadedModel(kind, version, uri, model, compiled.get());
    }

    /** The probe set of {@code kind} as the parser writes events: Kafka coordinates and times filled in. */
    Dataset<Row> probe(EventKind kind) {
        Map<String, Object> fixed = new HashMap<>();
        fixed.put(ParsedSchema.TOPIC, kind.topic());
        fixed.put(ParsedSchema.PARTITION, 0);
        fixed.put(ParsedSchema.OFFSET, 0L);
        fixed.put(ParsedSchema.EVENT_TIME, new Timestamp(0));
        fixed.put(ParsedSchema.DATE, new Date(0));
        return ModelProbe.frame(spark, kind, ParsedSchema.SCHEMA, fixed);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
