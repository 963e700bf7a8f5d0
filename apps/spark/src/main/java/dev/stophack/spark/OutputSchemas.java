package dev.stophack.spark;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.AttackCount;
import dev.stophack.api.kafka.BlocklistDecision;
import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.kafka.DetectedAttack;
import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.api.weblog.AccessLogColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The streaming job's parquet outputs as a reader sees them when it reads an output through its
 * root: the columns in file order, then the {@code date} partition column. Readers use these
 * schemas for an output that has no file yet (a fresh pipeline has no detected attacks), and
 * the streaming module's tests hold the files the job writes to them.
 */
public final class OutputSchemas {
    public static final String EVENT_TIME = "event_time";
    public static final String PREDICTION = "prediction";
    public static final String P_ATTACK = "p_attack";
    public static final String MODEL_VERSION = "model_version";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String KAFKA_TIME = "kafka_time";

    private OutputSchemas() {
    }

    /** {@code events/<kind>/}: the kind's columns as normalised, then what the job adds. */
    public static StructType events(EventKind kind) {
        List<StructField> f = new ArrayList<>();
        eventColumns(f, kind);
        add(f, EventFrames.CMD_PID, DataTypes.StringType);
        add(f, EVENT_TIME, DataTypes.TimestampType);
        add(f, PREDICTION, DataTypes.DoubleType);
        add(f, P_ATTACK, DataTypes.DoubleType);
        add(f, MODEL_VERSION, DataTypes.IntegerType);
        add(f, KAFKA_PARTITION, DataTypes.IntegerType);
        add(f, KAFKA_OFFSET, DataTypes.LongType);
        return withDate(f);
    }

    /** {@code attacks/potential/}: final counts per machine and 2-minute window. */
    public static StructType potentialAttacks() {
        List<StructField> f = new ArrayList<>();
        add(f, AttackCount.WINDOW_START, DataTypes.TimestampType);
        add(f, AttackCount.WINDOW_END, DataTypes.TimestampType);
        add(f, AttackCount.MACHINE, DataTypes.IntegerType);
        add(f, AttackCount.COUNT, DataTypes.LongType);
        return withDate(f);
    }

    /** {@code attacks/detected/}: a process attack and a memory attack joined. */
    public static StructType detectedAttacks() {
        List<StructField> f = new ArrayList<>();
        add(f, DetectedAttack.MACHINE, DataTypes.IntegerType);
        add(f, DetectedAttack.CMD_PID, DataTypes.StringType);
        add(f, DetectedAttack.PID, DataTypes.IntegerType);
        add(f, DetectedAttack.CMD, DataTypes.StringType);
        add(f, DetectedAttack.PROCESS_EVENT_TIME, DataTypes.TimestampType);
        add(f, DetectedAttack.MEMORY_EVENT_TIME, DataTypes.TimestampType);
        for (EventKind kind : EventKind.values()) {
            add(f, kind.id() + "_" + EventKind.SEQUENCE, DataTypes.LongType);
            measurements(f, kind);
            add(f, kind.id() + "_" + P_ATTACK, DataTypes.DoubleType);
            add(f, kind.id() + "_" + MODEL_VERSION, DataTypes.IntegerType);
        }
        add(f, DetectedAttack.PROCESSING_TIME, DataTypes.TimestampType);
        return withDate(f);
    }

    /** {@code deadletter/}: the fields of {@link DeadLetter}, then when Kafka got the record. */
    public static StructType deadLetters() {
        List<StructField> f = new ArrayList<>();
        add(f, DeadLetter.TOPIC, DataTypes.StringType);
        add(f, DeadLetter.PARTITION, DataTypes.IntegerType);
        add(f, DeadLetter.OFFSET, DataTypes.LongType);
        add(f, DeadLetter.REASON, DataTypes.StringType);
        add(f, DeadLetter.RAW, DataTypes.StringType);
        add(f, DeadLetter.RAW_BYTES, DataTypes.LongType);
        add(f, DeadLetter.RAW_SHA256, DataTypes.StringType);
        add(f, DeadLetter.RAW_TRUNCATED, DataTypes.BooleanType);
        add(f, KAFKA_TIME, DataTypes.TimestampType);
        return withDate(f);
    }

    /** {@code events/weblog/}: an access-log line's columns, where it was on the topic. */
    public static StructType weblogEvents() {
        List<StructField> f = new ArrayList<>();
        for (String c : AccessLogColumns.ALL) {
            add(f, c, switch (c) {
                case AccessLogColumns.EVENT_TIME -> DataTypes.TimestampType;
                case AccessLogColumns.STATUS -> DataTypes.IntegerType;
                case AccessLogColumns.BYTES -> DataTypes.LongType;
                default -> DataTypes.StringType;
            });
        }
        add(f, KAFKA_PARTITION, DataTypes.IntegerType);
        add(f, KAFKA_OFFSET, DataTypes.LongType);
        return withDate(f);
    }

    /** {@code alerts/ratelimit/}: the fields of {@link BlocklistDecision}, dated by the window's start. */
    public static StructType rateLimitAlerts() {
        List<StructField> f = new ArrayList<>();
        add(f, BlocklistDecision.HOST, DataTypes.StringType);
        add(f, BlocklistDecision.WINDOW_START, DataTypes.TimestampType);
        add(f, BlocklistDecision.WINDOW_END, DataTypes.TimestampType);
        add(f, BlocklistDecision.COUNT, DataTypes.LongType);
        add(f, BlocklistDecision.THRESHOLD, DataTypes.LongType);
        add(f, BlocklistDecision.UNTIL, DataTypes.TimestampType);
        add(f, BlocklistDecision.DECIDED_AT, DataTypes.TimestampType);
        return withDate(f);
    }

    /** {@code alerts/errorsurge/}: the fields of {@link WeblogAlert}, dated by the window's start. */
    public static StructType errorSurgeAlerts() {
        List<StructField> f = new ArrayList<>();
        add(f, WeblogAlert.KIND, DataTypes.StringType);
        add(f, WeblogAlert.STATUS, DataTypes.StringType);
        add(f, WeblogAlert.WINDOW_START, DataTypes.TimestampType);
        add(f, WeblogAlert.WINDOW_END, DataTypes.TimestampType);
        add(f, WeblogAlert.COUNT, DataTypes.LongType);
        add(f, WeblogAlert.TOTAL, DataTypes.LongType);
        add(f, WeblogAlert.RATIO, DataTypes.DoubleType);
        add(f, WeblogAlert.BASELINE, DataTypes.DoubleType);
        add(f, WeblogAlert.HOST, DataTypes.StringType);
        add(f, WeblogAlert.DISTINCT_PATHS, DataTypes.LongType);
        add(f, WeblogAlert.DECIDED_AT, DataTypes.TimestampType);
        return withDate(f);
    }

    /** A kind's TON_IoT columns in file order, with the types {@link EventFrames#normalise} gives them. */
    private static void eventColumns(List<StructField> f, EventKind kind) {
        for (String c : kind.columns()) {
            add(f, c, switch (c) {
                case EventKind.SEQUENCE -> DataTypes.LongType;
                case EventKind.MACHINE, EventKind.PID -> DataTypes.IntegerType;
                case EventKind.CMD -> DataTypes.StringType;
                default -> kind.categoricalColumns().contains(c) ? DataTypes.StringType : DataTypes.DoubleType;
            });
        }
    }

    /** A kind's measurements as a join row carries them: the numbers, then the codes. */
    private static void measurements(List<StructField> f, EventKind kind) {
        kind.numericColumns().forEach(c -> add(f, c, DataTypes.DoubleType));
        kind.categoricalColumns().forEach(c -> add(f, c, DataTypes.StringType));
    }

    private static void add(List<StructField> fields, String name, DataType type) {
        fields.add(DataTypes.createStructField(name, type, true));
    }

    private static StructType withDate(List<StructField> fields) {
        add(fields, S3Layout.DATE_PARTITION, DataTypes.DateType);
        return new StructType(fields.toArray(StructField[]::new));
    }
}
