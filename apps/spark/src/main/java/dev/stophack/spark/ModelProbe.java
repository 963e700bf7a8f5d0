package dev.stophack.spark;

import dev.stophack.api.events.EventKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The probe set a model must score before anyone may point {@code ACTIVE} at it: events of its
 * kind as the streaming job feeds them (normalised, see {@link EventFrames}) with the values real
 * telemetry brings and a fitted pipeline may not expect: blanks (null, finished processes), NaN,
 * infinities, extremes, zero, negatives, unseen and empty categories, an unseen command. A
 * pipeline whose VectorAssembler or StringIndexer uses {@code handleInvalid=error} fails on
 * them; one with {@code skip} drops rows: either would fail or silently lose events in the
 * streaming job, so either fails the probe. Training records the result in {@code metrics.json}
 * (the rollout gate reads it) and the streaming job runs it again when it loads a model.
 */
public final class ModelProbe {
    public static final String PREDICTION = "prediction";

    /**
     * What scoring the probe set gave.
     *
     * @param passed  every row came back with a prediction
     * @param rows    rows in the probe set
     * @param scored  rows that came back with a prediction
     * @param failure what went wrong, when something did
     */
    public record Result(boolean passed, long rows, long scored, String failure) {
        /** The {@code probe} section of metrics.json. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("passed", passed);
            m.put("rows", rows);
            m.put("scored", scored);
            m.put("failure", failure);
            return m;
        }
    }

    private ModelProbe() {
    }

    /** The probe events of {@code kind}, each a map of normalised column values. */
    public static List<Map<String, Object>> events(EventKind kind) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(event(kind, 1, 0.5, "N", "sshd"));
        rows.add(event(kind, 2, null, "N", "<kworker>"));           // blanks: a process that ended
        rows.add(event(kind, 3, Double.NaN, "N", "sshd"));
        rows.add(event(kind, 4, Double.POSITIVE_INFINITY, "N", "sshd"));
        rows.add(event(kind, 5, Double.NEGATIVE_INFINITY, "N", "sshd"));
        rows.add(event(kind, 6, 1e300, "N", "sshd"));
        rows.add(event(kind, 7, -1e300, "N", "sshd"));
        rows.add(event(kind, 8, Double.MIN_VALUE, "N", "sshd"));
        rows.add(event(kind, 9, 0.0, "N", "sshd"));
        rows.add(event(kind, 10, -1.0, "N", "sshd"));
        rows.add(event(kind, 11, 2.5e3, "ZZ-never-seen", "a-command-no-model-has-seen"));
        rows.add(event(kind, 12, 2.5e3, "", ""));
        rows.add(event(kind, 13, 2.5e3, null, "sshd"));
        rows.add(event(kind, 14, 12.0, "N", "x".repeat(4096)));
        return rows;
    }

    private static Map<String, Object> event(EventKind kind, int pid, Double measurement, String code, String cmd) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(EventKind.SEQUENCE, (long) pid);
        e.put(EventKind.MACHINE, 4);
        e.put(EventKind.PID, pid);
        for (String c : kind.numericColumns()) {
            e.put(c, measurement);
        }
        for (String c : kind.categoricalColumns()) {
            e.put(c, code);
        }
        e.put(EventKind.CMD, cmd);
        e.put(EventFrames.CMD_PID, cmd + "_" + pid);
        return e;
    }

    /** The normalised columns of {@code kind}, typed as {@link EventFrames#normalise} writes them. */
    public static StructType schema(EventKind kind) {
        List<StructField> fields = new ArrayList<>();
        for (String c : kind.columns()) {
            fields.add(DataTypes.createStructField(c, type(kind, c), true));
        }
        fields.add(DataTypes.createStructField(EventFrames.CMD_PID, DataTypes.StringType, true));
        return new StructType(fields.toArray(StructField[]::new));
    }

    static DataType type(EventKind kind, String column) {
        if (column.equals(EventKind.SEQUENCE)) {
            return DataTypes.LongType;
        }
        if (column.equals(EventKind.MACHINE) || column.equals(EventKind.PID)) {
            return DataTypes.IntegerType;
        }
        return kind.numericColumns().contains(column) ? DataTypes.DoubleType : DataTypes.StringType;
    }

    /** The probe set as rows of {@code schema}: its columns the probe knows are filled, the others take {@code fixed} or null. */
    public static Dataset<Row> frame(SparkSession spark, EventKind kind, StructType schema, Map<String, Object> fixed) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> e : events(kind)) {
            Object[] values = new Object[schema.fields().length];
            for (int i = 0; i < values.length; i++) {
                String name = schema.fields()[i].name();
                values[i] = e.containsKey(name) ? e.get(name) : fixed.get(name);
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** Scores {@code probe} with {@code model}; a failure is a result, not an exception. */
    public static Result run(PipelineModel model, Dataset<Row> probe) {
        long rows = probe.count();
        try {
            Dataset<Row> scored = model.transform(probe);
            List<Row> out = scored.select(PREDICTION).collectAsList();
            long withPrediction = out.stream().filter(r -> !r.isNullAt(0)).count();
            if (out.size() != rows) {
                return new Result(false, rows, withPrediction, "scoring returned " + out.size() + " rows for " + rows
                        + " (a stage drops rows it cannot read: handleInvalid=skip?)");
            }
            return new Result(withPrediction == rows, rows, withPrediction,
                    withPrediction == rows ? null : (rows - withPrediction) + " rows got no prediction");
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            return new Result(false, rows, 0, firstLine(e));
        }
    }

    /** Scores the probe set of {@code kind} in the normalised event schema. */
    public static Result run(SparkSession spark, EventKind kind, PipelineModel model) {
        return run(model, frame(spark, kind, schema(kind), Map.of()));
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage() == null ? root.toString() : root.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
