package dev.stophack.streaming.ingest;

import dev.stophack.api.events.EventKind;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Picks parsed rows on the RDD, before Spark turns them into a DataFrame: Spark copies every row
 * it scans from an RDD, so selecting first means each step copies only the rows it writes.
 */
final class RowSelector implements Function<InternalRow, Boolean> {
    private static final long serialVersionUID = 1L;
    private static final int TOPIC = ParsedSchema.index(ParsedSchema.TOPIC);
    private static final int REASON = ParsedSchema.index(ParsedSchema.REASON);

    /** The topic of the kind to keep, or null to keep dead letters. */
    private final String topic;
    private transient UTF8String topicBytes;

    private RowSelector(String topic) {
        this.topic = topic;
    }

    static RowSelector eventsOf(EventKind kind) {
        return new RowSelector(kind.topic());
    }

    static RowSelector deadLetters() {
        return new RowSelector(null);
    }

    @Override
    public Boolean call(InternalRow row) {
        if (topic == null) {
            return !row.isNullAt(REASON);
        }
        if (topicBytes == null) {
            topicBytes = UTF8String.fromString(topic);
        }
        return row.isNullAt(REASON) && topicBytes.equals(row.getUTF8String(TOPIC));
    }
}
