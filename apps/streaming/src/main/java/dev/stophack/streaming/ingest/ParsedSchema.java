package dev.stophack.streaming.ingest;

import static org.apache.spark.sql.functions.col;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.spark.EventFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the parser produces from one micro-batch of Kafka records: one wide row per record
 * with the source coordinates, the reason and what is kept of the raw value (see
 * {@link dev.stophack.streaming.parse.RawValue}) when it is a dead letter, and otherwise
 * the normalised columns of its kind (those of the other kind stay null). Column types are those
 * of {@link EventFrames#normalise}.
 */
public final class ParsedSchema {
    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String KAFKA_TIME = "kafka_time";
    public static final String REASON = "reason";
    public static final String RAW = DeadLetter.RAW;
    public static final String RAW_BYTES = DeadLetter.RAW_BYTES;
    public static final String RAW_SHA256 = DeadLetter.RAW_SHA256;
    public static final String RAW_TRUNCATED = DeadLetter.RAW_TRUNCATED;
    public static final String EVENT_TIME = "event_time";
    public static final String DATE = "date";
    /** In persisted events: where the event came from, so a reader can prove there is no duplicate. */
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    /** Set by the parsing tasks when the batch's model of the event's kind scores rows there; else null. */
    public static final String PREDICTION = "prediction";
    public static final String P_ATTACK = "p_attack";
    public static final String MODEL_VERSION = "model_version";
    /**
     * The prediction of the batch's candidate (the version in shadow), when both it and the active
     * model score rows in the parsing tasks; else null. Compared with {@link #PREDICTION}, never
     * written to any output.
     */
    public static final String SHADOW_PREDICTION = "shadow_prediction";

    public static final StructType SCHEMA;
    private static final Map<String, Integer> INDEX = new LinkedHashMap<>();

    static {
        List<StructField> fields = new ArrayList<>();
        add(fields, TOPIC, DataTypes.StringType);
        add(fields, PARTITION, DataTypes.IntegerType);
        add(fields, OFFSET, DataTypes.LongType);
        add(fields, KAFKA_TIME, DataTypes.TimestampType);
        add(fields, REASON, DataTypes.StringType);
        add(fields, RAW, DataTypes.StringType);
        add(fields, RAW_BYTES, DataTypes.LongType);
        add(fields, RAW_SHA256, DataTypes.StringType);
        add(fields, RAW_TRUNCATED, DataTypes.BooleanType);
        add(fields, EVENT_TIME, DataTypes.TimestampType);
        add(fields, DATE, DataTypes.DateType);
        add(fields, EventKind.SEQUENCE, DataTypes.LongType);
        add(fields, EventKind.MACHINE, DataTypes.IntegerType);
        add(fields, EventKind.PID, DataTypes.IntegerType);
        add(fields, EventKind.CMD, DataTypes.StringType);
        add(fields, EventFrames.CMD_PID, DataTypes.StringType);
        for (EventKind kind : EventKind.values()) {
            for (String c : kind.numericColumns()) {
                add(fields, c, DataTypes.DoubleType);
            }
            for (String c : kind.categoricalColumns()) {
                add(fields, c, DataTypes.StringType);
            }
        }
        add(fields, PREDICTION, DataTypes.DoubleType);
        add(fields, P_ATTACK, DataTypes.DoubleType);
        add(fields, MODEL_VERSION, DataTypes.IntegerType);
        add(fields, SHADOW_PREDICTION, DataTypes.DoubleType);
        SCHEMA = new StructType(fields.toArray(StructField[]::new));
    }

    private ParsedSchema() {
    }

    private static void add(List<StructField> fields, String name, DataType type) {
        if (INDEX.putIfAbsent(name, fields.size()) != null) {
            throw new IllegalStateException("column " + name + " twice: the two kinds' columns must differ");
        }
        fields.add(DataTypes.createStructField(name, type, true));
    }

    /** Position of {@code column} in {@link #SCHEMA}. */
    public static int index(String column) {
        Integer i = INDEX.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return i;
    }

    /** Readable records of {@code kind}. */
    public static Column isEventOf(EventKind kind) {
        return col(TOPIC).equalTo(kind.topic()).and(col(REASON).isNull());
    }

    public static Column isDeadLetter() {
        return col(REASON).isNotNull();
    }

    /**
     * A readable event as the model sees it: the kind's columns in file order and {@code CMD_PID}
     * (the model input contract), then event time, Kafka coordinates and the partition date.
     */
    public static Column[] eventColumns(EventKind kind) {
        List<Column> columns = new ArrayList<>();
        for (String c : kind.columns()) {
            columns.add(col(c));
        }
        columns.add(col(EventFrames.CMD_PID));
        columns.add(col(EVENT_TIME));
        columns.add(col(PARTITION).as(KAFKA_PARTITION));
        columns.add(col(OFFSET).as(KAFKA_OFFSET));
        columns.add(col(DATE));
        return columns.toArray(Column[]::new);
    }

    /** A dead letter as the {@code deadletter} topic carries it: the fields of {@link DeadLetter}, in order. */
    public static Column[] deadLetterRecord() {
        return new Column[] {
            col(TOPIC), col(PARTITION), col(OFFSET), col(REASON), col(RAW), col(RAW_BYTES), col(RAW_SHA256),
            col(RAW_TRUNCATED)
        };
    }

    /** A dead letter in {@code deadletter/}: the record's fields, plus when Kafka got it and that date. */
    public static Column[] deadLetterColumns() {
        List<Column> columns = new ArrayList<>(List.of(deadLetterRecord()));
        columns.add(col(KAFKA_TIME));
        columns.add(org.apache.spark.sql.functions.to_date(col(KAFKA_TIME)).as(DATE));
        return columns.toArray(Column[]::new);
    }
}
