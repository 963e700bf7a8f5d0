package dev.stophack.streaming.weblog.detect;

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
 * The readable requests of a {@code weblog} stream, for the detectors: the same
 * {@link AccessLogParser} as the ingest query, inside the tasks, keeping only what the detectors
 * need ({@code host, event_time, status, path}) of the lines it reads. A line the ingest query
 * dead-letters is skipped here, so the detectors count exactly the persisted lines.
 *
 * <p>A stateful query cannot start from an RDD, so this runs as a typed {@code mapPartitions}:
 * Spark hands each task's records over as rows and takes the requests back through an encoder.
 */
public final class Requests implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(AccessLogColumns.HOST, DataTypes.StringType, false),
        DataTypes.createStructField(AccessLogColumns.EVENT_TIME, DataTypes.TimestampType, false),
        DataTypes.createStructField(AccessLogColumns.STATUS, DataTypes.IntegerType, false),
        DataTypes.createStructField(AccessLogColumns.PATH, DataTypes.StringType, true),
    });

    private final AccessLogParser parser;

    private Requests(AccessLogParser parser) {
        this.parser = parser;
    }

    /** {@code host, event_time, status, path} of every readable line of a Kafka source stream. */
    public static Dataset<Row> of(Dataset<Row> kafka, AccessLogParser parser) {
        return kafka.select(col("value"), col("timestamp"))
                .mapPartitions(new Requests(parser), Encoders.row(SCHEMA));
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
                        next = RowFactory.create(line.host(), new Timestamp(line.epochSecond() * 1000),
                                line.status(), line.path());
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
