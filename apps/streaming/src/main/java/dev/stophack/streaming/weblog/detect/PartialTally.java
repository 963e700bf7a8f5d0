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
import scala.Tuple2;

/**
 * One task's share of the detectors' work on the parsed lines of a micro-batch: the readable lines
 * reduced, in the task, to request times per host, tallies per (surge window, host) and counts per
 * (surge window, status), so that the shuffle carries a fraction of the lines. Lines at or before
 * the watermark are left out of the rate limiter, lines of a window the watermark has passed out
 * of the surge counts, as Spark's stateful operators drop them; both are counted.
 */
final class PartialTally implements FlatMapFunction<Iterator<InternalRow>, Tuple2<Object, Object>> {
    private static final long serialVersionUID = 1L;
    private static final int REASON = LineSchema.index(DeadLetter.REASON);
    private static final int HOST = LineSchema.index(AccessLogColumns.HOST);
    private static final int EVENT_TIME = LineSchema.index(AccessLogColumns.EVENT_TIME);
    private static final int STATUS = LineSchema.index(AccessLogColumns.STATUS);
    private static final int PATH = LineSchema.index(AccessLogColumns.PATH);

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
        Map<String, Tallies.Times> times = new HashMap<>();
        Map<Tallies.WindowHost, HostTally> hosts = new HashMap<>();
        Map<Tallies.WindowStatus, Tallies.Count> statuses = new HashMap<>();
        long lateRate = 0;
        long lateSurge = 0;
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            if (!r.isNullAt(REASON)) {
                continue; // a dead letter is no request
            }
            String host = r.getUTF8String(HOST).toString();
            long t = r.getLong(EVENT_TIME) / 1000; // micros → ms
            int status = r.getInt(STATUS);
            if (t > watermark) {
                times.computeIfAbsent(host, h -> new Tallies.Times()).add(t);
            } else {
                lateRate++;
            }
            long start = Math.floorDiv(t, window) * window;
            if (start + window > watermark) {
                String path = status == 404 && !r.isNullAt(PATH) ? r.getUTF8String(PATH).toString() : null;
                hosts.computeIfAbsent(new Tallies.WindowHost(start, host), k -> new HostTally()).add(status, path);
                statuses.computeIfAbsent(new Tallies.WindowStatus(start, status), k -> new Tallies.Count(0)).n++;
            } else {
                lateSurge++;
            }
        }
        List<Tuple2<Object, Object>> out = new ArrayList<>(times.size() + hosts.size() + statuses.size() + 2);
        times.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
        hosts.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
        statuses.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
        out.add(new Tuple2<>(new Tallies.Late(RATE_LIMIT), new Tallies.Count(lateRate)));
        out.add(new Tuple2<>(new Tallies.Late(SURGE), new Tallies.Count(lateSurge)));
        return out.iterator();
    }
}
