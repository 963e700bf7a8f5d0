package dev.stophack.streaming.weblog.detect;

import dev.stophack.api.kafka.DeadLetter;
import dev.stophack.api.weblog.AccessLogColumns;
import dev.stophack.streaming.weblog.ingest.LineSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * One task's share of the detectors' work on the parsed lines of a micro-batch: the readable lines
 * reduced, in the task, to one {@link HostLines} per host (its request times, its 404s) and counts
 * per (surge window, status), so that the shuffle carries a record per host rather than per line.
 * Lines at or before the watermark are left out of the rate limiter, lines of a window the
 * watermark has passed out of the surge counts, as Spark's stateful operators drop them; both are
 * counted.
 *
 * <p>Hosts are looked up by the bytes of the row's host field (a view, copied only for a host new
 * to the task): no {@code String} per line, no key object per line.
 */
final class PartialTally implements FlatMapFunction<Iterator<InternalRow>, Tuple2<Object, Object>> {
    private static final long serialVersionUID = 1L;
    private static final int REASON = LineSchema.index(DeadLetter.REASON);
    private static final int HOST = LineSchema.index(AccessLogColumns.HOST);
    private static final int EVENT_TIME = LineSchema.index(AccessLogColumns.EVENT_TIME);
    private static final int STATUS = LineSchema.index(AccessLogColumns.STATUS);
    private static final int PATH = LineSchema.index(AccessLogColumns.PATH);
    /** Statuses are three digits from 100 to 599 (the parser dead-letters any other). */
    private static final int STATUSES = 600;

    static final String RATE_LIMIT = "ratelimit";
    static final String SURGE = "errorsurge";

    private final long watermark;
    private final long window;

    PartialTally(long watermark, long surgeWindowMillis) {
        this.watermark = watermark;
        this.window = surgeWindowMillis;
    }

    @Override
    public Iterator<Tuple2<Object, Object>> call(Iterator<InternalRow> rows) {
        Map<UTF8String, HostLines> hosts = new HashMap<>();
        Map<Long, long[]> statuses = new HashMap<>();
        long[] byStatus = null;
        long byStatusStart = Long.MIN_VALUE;
        long lateRate = 0;
        long lateSurge = 0;
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            if (!r.isNullAt(REASON)) {
                continue; // a dead letter is no request
            }
            long t = r.getLong(EVENT_TIME) / 1000; // micros → ms
            if (t <= watermark) {
                lateRate++;
            }
            long start = Math.floorDiv(t, window) * window;
            if (start + window <= watermark) {
                lateSurge++;
                continue; // later than both detectors accept (a line after the watermark is in an open window)
            }
            UTF8String host = r.getUTF8String(HOST);
            HostLines lines = hosts.get(host);
            if (lines == null) {
                lines = new HostLines();
                hosts.put(host.clone(), lines); // the row's bytes stay the row's
            }
            lines.add(t);
            int status = r.getInt(STATUS);
            if (status == 404) {
                lines.addNotFound(t, r.isNullAt(PATH) ? null : r.getUTF8String(PATH).toString());
            }
            // a task's lines are mostly in time order: the last window's counts are usually the ones
            if (byStatus == null || start != byStatusStart) {
                byStatus = statuses.computeIfAbsent(start, k -> new long[STATUSES]);
                byStatusStart = start;
            }
            byStatus[status]++;
        }
        List<Tuple2<Object, Object>> out = new ArrayList<>(hosts.size() + statuses.size() * 8 + 2);
        hosts.forEach((k, v) -> out.add(new Tuple2<>(k.toString(), v.trimmed())));
        statuses.forEach((start, counts) -> {
            for (int s = 0; s < counts.length; s++) {
                if (counts[s] > 0) {
                    out.add(new Tuple2<>(new Tallies.WindowStatus(start, s), new Tallies.Count(counts[s])));
                }
            }
        });
        out.add(new Tuple2<>(new Tallies.Late(RATE_LIMIT), new Tallies.Count(lateRate)));
        out.add(new Tuple2<>(new Tallies.Late(SURGE), new Tallies.Count(lateSurge)));
        return out.iterator();
    }
}
