package dev.stophack.streaming.weblog.ingest;

import static org.apache.spark.sql.functions.col;

import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.api.weblog.AccessLogColumns;
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
 * The rows the weblog parser makes of one micro-batch of Kafka records: one row per record with its
 * Kafka coordinates, then either a dead letter's reason and raw value or the line's
 * {@link AccessLogColumns} and its date.
 */
public final class LineSchema {
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String KAFKA_TIME = "kafka_time";
    public static final String DATE = S3Layout.DATE_PARTITION;
    /** In persisted lines: where each came from, so a reader can prove there is no duplicate. */
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";

    public static final StructType SCHEMA;
    private static final Map<String, Integer> INDEX = new LinkedHashMap<>();

    static {
        List<StructField> f = new ArrayList<>();
        add(f, PARTITION, DataTypes.IntegerType);
        add(f, OFFSET, DataTypes.LongType);
        add(f, KAFKA_TIME, DataTypes.TimestampType);
        add(f, DeadLetter.REASON, DataTypes.StringType);
        add(f, DeadLetter.RAW, DataTypes.StringType);
        add(f, DeadLetter.RAW_BYTES, DataTypes.LongType);
        add(f, DeadLetter.RAW_SHA256, DataTypes.StringType);
        add(f, DeadLetter.RAW_TRUNCATED, DataTypes.BooleanType);
        add(f, AccessLogColumns.HOST, DataTypes.StringType);
        add(f, AccessLogColumns.EVENT_TIME, DataTypes.TimestampType);
        add(f, AccessLogColumns.METHOD, DataTypes.StringType);
        add(f, AccessLogColumns.PATH, DataTypes.StringType);
        add(f, AccessLogColumns.PROTOCOL, DataTypes.StringType);
        add(f, AccessLogColumns.STATUS, DataTypes.IntegerType);
        add(f, AccessLogColumns.BYTES, DataTypes.LongType);
        add(f, AccessLogColumns.REFERER, DataTypes.StringType);
        add(f, AccessLogColumns.USER_AGENT, DataTypes.StringType);
        add(f, DATE, DataTypes.DateType);
        SCHEMA = new StructType(f.toArray(StructField[]::new));
    }

    private LineSchema() {
    }

    private static void add(List<StructField> fields, String name, DataType type) {
        INDEX.put(name, fields.size());
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

    /** {@code events/weblog/}: the line's columns, where it came from, its date. */
    public static Column[] eventColumns() {
        List<Column> c = new ArrayList<>();
        AccessLogColumns.ALL.forEach(name -> c.add(col(name)));
        c.add(col(PARTITION).as(KAFKA_PARTITION));
        c.add(col(OFFSET).as(KAFKA_OFFSET));
        c.add(col(DATE));
        return c.toArray(Column[]::new);
    }

    /** The contract's dead letter ({@link DeadLetter}) for the topic; the parquet adds {@code kafka_time} and {@code date}. */
    public static Column[] deadLetterColumns(String topic) {
        return new Column[] {
            org.apache.spark.sql.functions.lit(topic).as(DeadLetter.TOPIC), col(PARTITION).as(DeadLetter.PARTITION),
            col(OFFSET).as(DeadLetter.OFFSET), col(DeadLetter.REASON), col(DeadLetter.RAW), col(DeadLetter.RAW_BYTES),
            col(DeadLetter.RAW_SHA256), col(DeadLetter.RAW_TRUNCATED)
        };
    }
}
