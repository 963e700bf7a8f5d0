package dev.stophack.streaming.weblog.ingest;

import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.weblog.AccessLogColumns;
import dev.stophack.streaming.weblog.parse.AccessLogParser;
import dev.stophack.streaming.weblog.parse.ParsedLine;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns one task's Kafka records into {@link LineSchema} rows: {@link AccessLogParser} reads each
 * value and the fields go straight into Spark's binary row format, the text fields as views of the
 * value's own bytes. The rows are copies, so they can be cached.
 *
 * <p>Input rows: {@code value, partition, offset, timestamp} as the Kafka source has them.
 */
public final class LineParser implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    static final List<String> INPUT_COLUMNS = List.of("value", "partition", "offset", "timestamp");

    private static final int PARTITION = LineSchema.index(LineSchema.PARTITION);
    private static final int OFFSET = LineSchema.index(LineSchema.OFFSET);
    private static final int KAFKA_TIME = LineSchema.index(LineSchema.KAFKA_TIME);
    private static final int REASON = LineSchema.index(DeadLetter.REASON);
    private static final int RAW = LineSchema.index(DeadLetter.RAW);
    private static final int RAW_BYTES = LineSchema.index(DeadLetter.RAW_BYTES);
    private static final int RAW_SHA256 = LineSchema.index(DeadLetter.RAW_SHA256);
    private static final int RAW_TRUNCATED = LineSchema.index(DeadLetter.RAW_TRUNCATED);
    private static final int HOST = LineSchema.index(AccessLogColumns.HOST);
    private static final int EVENT_TIME = LineSchema.index(AccessLogColumns.EVENT_TIME);
    private static final int STATUS = LineSchema.index(AccessLogColumns.STATUS);
    private static final int BYTES = LineSchema.index(AccessLogColumns.BYTES);
    private static final int DATE = LineSchema.index(LineSchema.DATE);
    /** Text columns and the parser's field each comes from. */
    private static final int[][] TEXT = {
        {HOST, ParsedLine.HOST},
        {LineSchema.index(AccessLogColumns.METHOD), ParsedLine.METHOD},
        {LineSchema.index(AccessLogColumns.PATH), ParsedLine.PATH},
        {LineSchema.index(AccessLogColumns.PROTOCOL), ParsedLine.PROTOCOL},
        {LineSchema.index(AccessLogColumns.REFERER), ParsedLine.REFERER},
        {LineSchema.index(AccessLogColumns.USER_AGENT), ParsedLine.USER_AGENT},
    };

    private static final int[] DEAD_LETTER_ONLY = {REASON, RAW, RAW_BYTES, RAW_SHA256, RAW_TRUNCATED};
    private static final int[] LINE_ONLY = {EVENT_TIME, STATUS, BYTES, DATE};

    private final AccessLogParser parser;
    private final LineStats stats;

    LineParser(AccessLogParser parser, LineStats stats) {
        this.parser = parser;
        this.stats = stats;
    }

    /** The records of a Kafka source batch as {@link LineSchema} rows. */
    public static JavaRDD<InternalRow> parse(Dataset<Row> kafkaBatch, AccessLogParser parser, LineStats stats) {
        Column[] input = INPUT_COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return kafkaBatch.select(input).queryExecution().toRdd().toJavaRDD().mapPartitions(new LineParser(parser, stats));
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> records) {
        UnsafeRowWriter row = new UnsafeRowWriter(LineSchema.SCHEMA.size(), 256);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public InternalRow next() {
                return convert(records.next(), row);
            }
        };
    }

    private InternalRow convert(InternalRow record, UnsafeRowWriter row) {
        byte[] value = record.isNullAt(0) ? null : record.getBinary(0);
        long kafkaMicros = record.isNullAt(3) ? -1 : record.getLong(3);
        row.reset();
        row.zeroOutNullBytes();
        row.write(PARTITION, record.getInt(1));
        row.write(OFFSET, record.getLong(2));
        if (kafkaMicros < 0) {
            row.setNullAt(KAFKA_TIME);
        } else {
            row.write(KAFKA_TIME, kafkaMicros);
        }
        // UnsafeRowWriter never clears a null bit: every field below is written exactly once
        ParsedLine line = parser.parse(value, kafkaMicros < 0 ? -1 : kafkaMicros / 1000);
        stats.add(line);
        if (line.ok()) {
            for (int c : DEAD_LETTER_ONLY) {
                row.setNullAt(c);
            }
            for (int[] t : TEXT) {
                if (line.isNull(t[1])) {
                    row.setNullAt(t[0]);
                } else {
                    row.write(t[0], UTF8String.fromBytes(line.array(t[1]), line.offset(t[1]), line.length(t[1])));
                }
            }
            row.write(EVENT_TIME, line.eventTimeMicros());
            row.write(STATUS, line.status());
            row.write(BYTES, line.bytes());
            row.write(DATE, line.eventDay());
        } else {
            row.write(REASON, UTF8String.fromString(truncate(line.reasonText())));
            if (value == null) {
                row.setNullAt(RAW);
                row.write(RAW_BYTES, 0L);
                row.setNullAt(RAW_SHA256);
                row.write(RAW_TRUNCATED, false);
            } else {
                row.write(RAW, UTF8String.fromString(RawValue.prefix(value)));
                row.write(RAW_BYTES, (long) value.length);
                row.write(RAW_SHA256, UTF8String.fromString(RawValue.sha256(value)));
                row.write(RAW_TRUNCATED, RawValue.truncated(value));
            }
            for (int[] t : TEXT) {
                row.setNullAt(t[0]);
            }
            for (int c : LINE_ONLY) {
                row.setNullAt(c);
            }
        }
        return row.getRow().copy();
    }

    private static String truncate(String reason) {
        return reason.length() <= DeadLetter.MAX_REASON_CHARS ? reason : reason.substring(0, DeadLetter.MAX_REASON_CHARS);
    }
}
