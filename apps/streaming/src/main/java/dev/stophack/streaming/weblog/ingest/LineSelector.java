package dev.stophack.streaming.weblog.ingest;

import dev.stophack.api.kafka.DeadLetter;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;

/** Picks parsed rows on the RDD (readable lines or dead letters), so each step copies only the rows it writes. */
final class LineSelector implements Function<InternalRow, Boolean> {
    private static final long serialVersionUID = 1L;
    private static final int REASON = LineSchema.index(DeadLetter.REASON);

    private final boolean deadLetters;

    private LineSelector(boolean deadLetters) {
        this.deadLetters = deadLetters;
    }

    static LineSelector lines() {
        return new LineSelector(false);
    }

    static LineSelector deadLetters() {
        return new LineSelector(true);
    }

    @Override
    public Boolean call(InternalRow row) {
        return row.isNullAt(REASON) != deadLetters;
    }
}
