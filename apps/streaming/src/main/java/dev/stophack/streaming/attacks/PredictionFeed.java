package dev.stophack.streaming.attacks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.AttackPrediction;
import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import dev.stophack.spark.EventFrames;
import dev.stophack.streaming.ingest.ParsedSchema;
import dev.stophack.streaming.output.KafkaOutput;
import dev.stophack.streaming.scoring.Scorer;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The internal topic between scoring and the stateful attack queries: every event predicted as an
 * attack (both kinds, with its measurements, probability and model version) and, once per
 * micro-batch and kind, a heartbeat carrying the latest event time of all that kind's events.
 *
 * <p>Why a topic: a model can only be swapped between micro-batches if scoring happens in
 * {@code foreachBatch}, and stateful streaming operators cannot run there. So the ingest query
 * scores and publishes; the window and join queries read this topic. Heartbeats keep their
 * watermark moving with all events, not only the attacks, as if it were one query. A replayed
 * ingest batch may publish its attacks twice; the join drops the copies by Kafka coordinates and
 * the window counts distinct CMD_PIDs, so neither counts an event twice.
 */
public final class PredictionFeed {
    public static final String TOPIC = Topics.ATTACK_PREDICTIONS;
    public static final String HEARTBEAT = AttackPrediction.HEARTBEAT;

    public static final StructType SCHEMA;

    /** Parsed columns an attack does not carry: the record's own coordinates, dead-letter fields, the score. */
    private static final java.util.Set<String> NOT_IN_FEED = java.util.Set.of(ParsedSchema.TOPIC, ParsedSchema.PARTITION,
            ParsedSchema.OFFSET, ParsedSchema.KAFKA_TIME, ParsedSchema.REASON, ParsedSchema.RAW, ParsedSchema.RAW_BYTES,
            ParsedSchema.RAW_SHA256, ParsedSchema.RAW_TRUNCATED, ParsedSchema.EVENT_TIME, ParsedSchema.DATE,
            ParsedSchema.PREDICTION, ParsedSchema.P_ATTACK, ParsedSchema.MODEL_VERSION, ParsedSchema.SHADOW_PREDICTION);

    static {
        List<StructField> f = new ArrayList<>();
        field(f, ParsedSchema.TOPIC, DataTypes.StringType);
        field(f, HEARTBEAT, DataTypes.BooleanType);
        field(f, ParsedSchema.PARTITION, DataTypes.IntegerType);
        field(f, ParsedSchema.OFFSET, DataTypes.LongType);
        field(f, ParsedSchema.EVENT_TIME, DataTypes.TimestampType);
        for (StructField event : ParsedSchema.SCHEMA.fields()) {
            String name = event.name();
            if (NOT_IN_FEED.contains(name)) {
                continue; // coordinates are the feed's own; every row of the feed is an attack
            }
            field(f, name, event.dataType());
        }
        field(f, Scorer.P_ATTACK, DataTypes.DoubleType);
        field(f, Scorer.MODEL_VERSION, DataTypes.IntegerType);
        SCHEMA = new StructType(f.toArray(StructField[]::new));
    }

    /** Microsecond timestamps in the JSON, so fractional event times join exactly. */
    private static final Map<String, String> JSON_OPTIONS =
            Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private PredictionFeed() {
    }

    private static void field(List<StructField> fields, String name, DataType type) {
        fields.add(DataTypes.createStructField(name, type, true));
    }

    /** The events of {@code scored} (one kind, see {@link Scorer}) that were predicted as attacks. */
    public static Dataset<Row> attacks(EventKind kind, Dataset<Row> scored) {
        List<Column> out = new ArrayList<>();
        out.add(lit(kind.topic()).as(ParsedSchema.TOPIC));
        out.add(lit(false).as(HEARTBEAT));
        out.add(col(ParsedSchema.KAFKA_PARTITION).as(ParsedSchema.PARTITION));
        out.add(col(ParsedSchema.KAFKA_OFFSET).as(ParsedSchema.OFFSET));
        out.add(col(ParsedSchema.EVENT_TIME));
        for (String c : kind.columns()) {
            out.add(col(c));
        }
        out.add(col(EventFrames.CMD_PID));
        out.add(col(Scorer.P_ATTACK));
        out.add(col(Scorer.MODEL_VERSION));
        return scored.filter(col(Scorer.PREDICTION).equalTo(1.0)).select(out.toArray(Column[]::new));
    }

    /** One heartbeat per kind: the latest event time (micros) of its events in this batch. */
    public static Dataset<Row> heartbeats(SparkSession spark, Map<EventKind, Long> latestMicros) {
        List<Row> rows = new ArrayList<>();
        latestMicros.forEach((kind, micros) -> {
            Timestamp t = new Timestamp(Math.floorDiv(micros, 1000));
            t.setNanos((int) (Math.floorMod(micros, 1_000_000L) * 1000));
            rows.add(RowFactory.create(kind.topic(), true, t));
        });
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField(ParsedSchema.TOPIC, DataTypes.StringType, false),
            DataTypes.createStructField(HEARTBEAT, DataTypes.BooleanType, false),
            DataTypes.createStructField(ParsedSchema.EVENT_TIME, DataTypes.TimestampType, false)});
        return spark.createDataFrame(rows, schema);
    }

    /** Publishes attack rows and heartbeats in one Kafka write, keyed by machine. */
    public static void publish(KafkaOutput kafka, List<Dataset<Row>> parts) {
        Dataset<Row> all = null;
        for (Dataset<Row> part : parts) {
            all = all == null ? part : all.unionByName(part, true);
        }
        if (all == null) {
            return;
        }
        Column[] columns = java.util.Arrays.stream(all.columns()).map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
        Column key = java.util.Arrays.asList(all.columns()).contains(EventKind.MACHINE)
                ? col(EventKind.MACHINE).cast("string") : lit(null).cast("string"); // heartbeats have no machine
        kafka.send(all.select(key.as("key"),
                org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(columns), JSON_OPTIONS)
                        .as("value")), TOPIC);
    }

    /** The feed as a stream, every column of {@link #SCHEMA}, from the topic's beginning. */
    public static Dataset<Row> read(SparkSession spark, KafkaConnection connection) {
        Dataset<Row> kafka = spark.readStream()
                .format("kafka")
                .options(connection.sparkOptions())
                .option("subscribe", TOPIC)
                .option("startingOffsets", "earliest")
                .option("failOnDataLoss", "false")
                .load();
        return kafka.select(from_json(col("value").cast("string"), SCHEMA, JSON_OPTIONS).as("f"))
                .select("f.*")
                .filter(col(ParsedSchema.TOPIC).isNotNull().and(col(ParsedSchema.EVENT_TIME).isNotNull()));
    }

    /**
     * Drops heartbeats after the watermark has seen them. The condition mentions the event time on
     * purpose: Spark pushes filters that do not below the watermark, where heartbeats would then
     * never move it.
     */
    public static Column withoutHeartbeats() {
        return when(col(HEARTBEAT), lit(null)).otherwise(col(ParsedSchema.EVENT_TIME)).isNotNull();
    }
}
