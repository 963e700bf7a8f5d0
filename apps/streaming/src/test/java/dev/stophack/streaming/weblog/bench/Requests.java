package dev.stophack.streaming.weblog.bench;

import static org.apache.spark.sql.functions.col;

import dev.stophack.api.weblog.AccessLogColumns;
import dev.stophack.streaming.weblog.parse.AccessLogParser;
import dev.stophack.streaming.weblog.parse.ParsedLine;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The parse as the detectors did it when they were queries of their own, kept for
 * {@link WeblogParseBenchmark}'s comparison: the same {@link AccessLogParser} through a typed
 * {@code mapPartitions} (rows in, rows out through an encoder), keeping {@code host, event_time,
 * status} and the path of a 404.
 */
public final class Requests implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** {@code host, event_time, status, path}: the path of a 404, else null. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(AccessLogColumns.HOST, DataTypes.StringType, false),
        DataTypes.createStructField(AccessLogColumns.EVENT_TIME, DataTypes.TimestampType, false),
        DataTypes.createStructField(AccessLogColumns.STATUS, DataTypes.IntegerType, false),
        DataTypes.createStructField(AccessLogColumns.PATH, DataTypes.StringType, true),
    });
    /** {@code host, event_time}. */
    public static final StructType HOSTS = new StructType(new StructField[] {SCHEMA.fields()[0], SCHEMA.fields()[1]});

    private final AccessLogParser parser;
    private final boolean statuses;

    private Requests(AccessLogParser parser, boolean statuses) {
        this.parser = parser;
        this.statuses = statuses;
    }

    /** {@code host, event_time, status, path} (the path of a 404 only) of every readable line of a Kafka source stream. */
    public static Dataset<Row> of(Dataset<Row> kafka, AccessLogParser parser) {
        return kafka.select(col("value"), col("timestamp"))
                .mapPartitions(new Requests(parser, true), Encoders.row(SCHEMA));
    }

    /** {@code host, event_time} of every readable line: all the rate limiter looks at. */
    public static Dataset<Row> hosts(Dataset<Row> kafka, AccessLogParser parser) {
        return kafka.select(col("value"), col("timestamp"))
                .mapPartitions(new Requests(parser, false), Encoders.row(HOSTS));
    }

    @Override
    public Iterator<Row> call(Iterator<Row> records) {
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && records.hasNext()) {
                    Row r = records.next();
                    Timestamp kafkaTime = r.isNullAt(1) ? null : r.getTimestamp(1);
                    ParsedLine line = parser.parse(r.isNullAt(0) ? null : (byte[]) r.get(0),
                            kafkaTime == null ? -1 : kafkaTime.getTime());
                    if (line.ok()) {
                        Timestamp t = new Timestamp(line.epochSecond() * 1000);
                        next = statuses
                                ? RowFactory.create(line.host(), t, line.status(), line.status() == 404 ? line.path() : null)
                                : RowFactory.create(line.host(), t);
                    }
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        };
    }
}
