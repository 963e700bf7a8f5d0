package dev.stophack.training.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.events.EventKind;
import dev.stophack.spark.EventFrames;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a checked training file into the model input contract ({@link EventFrames#normalise})
 * plus a double {@code label} (1 attack, 0 normal, null when the label is unreadable).
 */
public final class LabelledEvents {
    /** The label column Spark ML fits on. */
    public static final String LABEL = "label";

    private LabelledEvents() {
    }

    /** The raw rows, every column a string, in the file's own column order. */
    public static Dataset<Row> raw(SparkSession spark, TrainingFile file) {
        return spark.read()
                .option("header", "true")
                .option("mode", "PERMISSIVE")
                // the header was checked by name; the schema is built from it, so positions agree
                .option("enforceSchema", "true")
                .schema(file.stringSchema())
                .csv(file.uri());
    }

    /** Normalised events with {@link #LABEL}. */
    public static Dataset<Row> normalised(EventKind kind, Dataset<Row> raw) {
        return EventFrames.normalise(kind, raw).withColumn(LABEL, label(col(EventKind.ATTACK)));
    }

    /** {@code 1}/{@code 0} (also {@code 1.0}, {@code true}); anything else is null. */
    static Column label(Column attack) {
        Column t = trim(attack.cast("string"));
        return when(t.isin("1", "1.0", "true", "TRUE", "True"), lit(1.0))
                .when(t.isin("0", "0.0", "false", "FALSE", "False"), lit(0.0))
                .otherwise(lit(null).cast("double"));
    }
}
