package dev.stophack.streaming.scoring;

import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.ingest.ParsedSchema;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a freshly loaded model before it may score a batch: it must accept an event of its
 * kind as the job feeds it and answer with a prediction. A model fitted on other columns, or one
 * that fails on a plain event, is refused here instead of failing micro-batches later.
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
     * that gives transform's answer for the sample event.
     */
    public LoadedModel validate(EventKind kind, int version, String uri, PipelineModel model) {
        List<Row> rows;
        LoadedModel byTransform = new LoadedModel(kind, version, uri, model, null);
        Dataset<Row> sample = sample(kind);
        try {
            rows = Scorer.score(sample.select(ParsedSchema.eventColumns(kind)), kind, byTransform).collectAsList();
        } catch (Exception e) {
            throw new IllegalArgumentException("it cannot score a " + kind + " event: " + firstLine(e), e);
        }
        if (rows.size() != 1 || rows.get(0).isNullAt(rows.get(0).fieldIndex(Scorer.PREDICTION))) {
            throw new IllegalArgumentException("it gives no prediction for a " + kind + " event");
        }
        Optional<RowScorer> compiled = RowScorer.compile(model, ParsedSchema.SCHEMA);
        if (compiled.isEmpty()) {
            LOG.info("{} v{}: scored by the pipeline's transform (its stages are not all known to the row scorer)", kind, version);
            return byTransform;
        }
        double[] out = new double[2];
        compiled.get().score(sample.queryExecution().toRdd().toJavaRDD().map(InternalRow::copy).first(), out);
        Row expected = rows.get(0);
        double p = expected.isNullAt(expected.fieldIndex(Scorer.P_ATTACK)) ? Double.NaN : expected.getDouble(expected.fieldIndex(Scorer.P_ATTACK));
        if (out[0] != expected.getDouble(expected.fieldIndex(Scorer.PREDICTION)) || Double.compare(out[1], p) != 0) {
            LOG.warn("{} v{}: the row scorer disagrees with transform on a sample event; scoring by transform", kind, version);
            return byTransform;
        }
        return new LoadedModel(kind, version, uri, model, compiled.get());
    }

    /** One plain event of {@code kind} as the parser writes it: zeros, empty codes, a command. */
    Dataset<Row> sample(EventKind kind) {
        StructField[] fields = ParsedSchema.SCHEMA.fields();
        Object[] values = new Object[fields.length];
        values[ParsedSchema.index(ParsedSchema.TOPIC)] = kind.topic();
        values[ParsedSchema.index(ParsedSchema.PARTITION)] = 0;
        values[ParsedSchema.index(ParsedSchema.OFFSET)] = 0L;
        values[ParsedSchema.index(ParsedSchema.EVENT_TIME)] = new Timestamp(0);
        values[ParsedSchema.index(ParsedSchema.DATE)] = new Date(0);
        values[ParsedSchema.index(EventKind.SEQUENCE)] = 0L;
        values[ParsedSchema.index(EventKind.MACHINE)] = 0;
        values[ParsedSchema.index(EventKind.PID)] = 1;
        values[ParsedSchema.index(EventKind.CMD)] = "validation";
        values[ParsedSchema.index(dev.stophack.spark.EventFrames.CMD_PID)] = "validation_1";
        for (String c : kind.numericColumns()) {
            values[ParsedSchema.index(c)] = 0.0;
        }
        for (String c : kind.categoricalColumns()) {
            values[ParsedSchema.index(c)] = "";
        }
        return spark.createDataFrame(List.of(RowFactory.create(values)), ParsedSchema.SCHEMA);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
