package dev.stophack.streaming.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.events.EventKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a user would write instead of {@code stophack stream}, the seed's way and as fast as it is
 * written plainly: per topic one Structured Streaming query reading Kafka, {@code from_json} with a
 * schema, the K/M/G sizes turned into numbers by column functions, the repository's baseline
 * model applied by {@link PipelineModel#transform}, the scored events appended as parquet to local
 * disk, {@code availableNow}. No dead letters, no plausibility rules, no model swap, no windows,
 * join or topics: the contender for the job's ingest query, information only.
 */
final class PlainStreamingJob {
    /** Memory columns atop writes with a unit suffix ({@code 23.0K}, {@code 401M}, {@code -4.7M}). */
    private static final Set<String> SIZES = Set.of("MINFLT", "VSTEXT", "VSIZE", "RSIZE", "VGROW", "RGROW");
    private static final Set<String> WHOLE = Set.of("sequence", EventKind.MACHINE, "PID");

    private PlainStreamingJob() {
    }

    /**
     * Runs both topics' queries side by side until each has read what the topic held when it
     * started; returns the seconds from the first query's start until the last one ended.
     *
     * @param modelsDir the repository's model store on local disk ({@code <kind>/v1/model})
     * @param out       a local folder for the parquet and the checkpoints
     */
    static double run(SparkSession spark, String bootstrap, String modelsDir, long maxOffsetsPerTrigger, Path out)
            throws TimeoutException, StreamingQueryException {
        long start = System.nanoTime();
        List<StreamingQuery> queries = new ArrayList<>();
        for (EventKind kind : EventKind.values()) {
            Dataset<Row> events = spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", kind.topic())
                    .option("startingOffsets", "earliest")
                    .option("maxOffsetsPerTrigger", maxOffsetsPerTrigger)
                    .load();
            PipelineModel model = PipelineModel.load(Path.of(modelsDir, kind.id(), "v1", "model").toString());
            Dataset<Row> scored = model.transform(parsed(events, kind))
                    .select(col(EventKind.MACHINE), col("PID"), col(EventKind.CMD), col("event_time"), col("prediction"),
                            functions.vector_to_array(col("probability"), "float64").getItem(1).as("p_attack"));
            queries.add(scored.writeStream().format("parquet")
                    .queryName("plain-" + kind.id())
                    .option("path", out.resolve(kind.id()).toString())
                    .option("checkpointLocation", out.resolve("checkpoints").resolve(kind.id()).toString())
                    .trigger(Trigger.AvailableNow())
                    .start());
        }
        for (StreamingQuery q : queries) {
            q.awaitTermination();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Kafka records of {@code kind} (their {@code value}) as typed, cleaned columns and an event time. */
    static Dataset<Row> parsed(Dataset<Row> records, EventKind kind) {
        return records.select(from_json(col("value").cast("string"), schema(kind)).as("e")).select(cleaned(kind));
    }

    /** Ids as whole numbers, every measurement and code as text (a number token reads as its text), ts in seconds. */
    static StructType schema(EventKind kind) {
        StructType schema = new StructType();
        for (String c : kind.columns()) {
            schema = schema.add(c, WHOLE.contains(c) ? DataTypes.LongType : DataTypes.StringType);
        }
        return schema.add(EventKind.TS, DataTypes.LongType);
    }

    private static Column[] cleaned(EventKind kind) {
        List<Column> out = new ArrayList<>();
        for (String c : kind.columns()) {
            Column v = col("e." + c);
            if (SIZES.contains(c)) {
                v = size(v);
            } else if (kind.numericColumns().contains(c)) {
                v = v.cast("double"); // "-" and blanks become null, which the model's imputer fills
            }
            out.add(v.as(c));
        }
        out.add(timestamp_seconds(col("e." + EventKind.TS)).as("event_time"));
        return out.toArray(Column[]::new);
    }

    /** {@code 401M} is 401e6: the last character as the unit, the rest as the number; a bare number as it is. */
    static Column size(Column text) {
        Column unit = text.substr(length(text), lit(1));
        Column multiplier = when(unit.equalTo("K"), 1e3).when(unit.equalTo("M"), 1e6).when(unit.equalTo("G"), 1e9)
                .when(unit.equalTo("T"), 1e12);
        return when(multiplier.isNull(), text.cast("double"))
                .otherwise(text.substr(lit(1), length(text).minus(1)).cast("double").multiply(multiplier));
    }
}
