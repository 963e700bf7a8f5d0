package dev.stophack.streaming.weblog.detect;

import dev.stophack.streaming.weblog.ratelimit.Decision;
import dev.stophack.streaming.weblog.ratelimit.HostWindows;
import dev.stophack.streaming.weblog.ratelimit.RateLimiter;
import dev.stophack.streaming.weblog.surge.WindowCounts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * After the shuffle, each key whole in one task: a host's request times go through the
 * {@link RateLimiter} from its state after the previous batch; its tally in each surge window,
 * made from the same lines and its open tallies, is a scan candidate if the window is now final
 * and it has enough distinct 404 paths, and kept as state if the window is still open. What comes
 * back to the driver is small: decisions, the states of recent hosts, candidates, open tallies and
 * per-status counts.
 */
final class Judge implements FlatMapFunction<Iterator<Tuple2<Object, Object>>, Object> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<Map<String, HostWindows>> before;
    private final RateLimiter limiter;
    private final long watermark;
    private final long nextWatermark;
    private final long window;
    private final long scanPaths;

    Judge(Broadcast<Map<String, HostWindows>> before, RateLimiter limiter, long watermark, long nextWatermark,
            long surgeWindowMillis, long scanPaths) {
        this.before = before;
        this.limiter = limiter;
        this.watermark = watermark;
        this.nextWatermark = nextWatermark;
        this.window = surgeWindowMillis;
        this.scanPaths = scanPaths;
    }

    @Override
    public Iterator<Object> call(Iterator<Tuple2<Object, Object>> keys) {
        List<Object> out = new ArrayList<>();
        while (keys.hasNext()) {
            Tuple2<Object, Object> kv = keys.next();
            Object key = kv._1();
            if (key instanceof String host) {
                HostLines lines = (HostLines) kv._2();
                long[] times = lines.timesAfter(watermark);
                if (times.length > 0) {
                    HostWindows old = before.value().get(host);
                    HostWindows state = old == null ? new HostWindows() : old.copy();
                    for (Decision d : limiter.add(host, state, times, watermark)) {
                        out.add(new Tallies.Decided(d));
                    }
                    // what Spark's event-time timeout would drop once the watermark moves on
                    out.add(new Tallies.HostState(host, limiter.expire(state, nextWatermark) ? null : state));
                }
                lines.windows(window, watermark).forEach((start, tally) -> {
                    if (start + window <= nextWatermark) {
                        if (tally.distinctPaths() >= scanPaths) {
                            out.add(new Tallies.Candidate(start, new WindowCounts.HostCounts(host, tally.requests,
                                    tally.notFound, tally.distinctPaths())));
                        }
                    } else {
                        out.add(new Tallies.Open(start, host, tally));
                    }
                });
            } else if (key instanceof Tallies.WindowStatus ws) {
                out.add(new Tallies.StatusCount(ws.start(), ws.status(), ((Tallies.Count) kv._2()).n));
            } else {
                out.add(new Tallies.LateCount(((Tallies.Late) key).detector(), ((Tallies.Count) kv._2()).n));
            }
        }
        return out.iterator();
    }
}
