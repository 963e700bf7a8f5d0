package dev.stophack.streaming.weblog.ratelimit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;

/**
 * The Spark side of {@link RateLimiter}: called per host with its requests of a micro-batch (rows
 * {@code host, event_time}) and its state, or with no requests when the watermark has passed its
 * timeout. Returns the decisions as {@link RateLimitQuery#DECISION} rows and keeps the state only
 * while a window that can still change needs it.
 */
final class HostRateFunction implements FlatMapGroupsWithStateFunction<String, Row, HostWindows, Row> {
    private static final long serialVersionUID = 1L;

    private final RateLimiter limiter;

    HostRateFunction(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Iterator<Row> call(String host, Iterator<Row> requests, GroupState<HostWindows> state) {
        long watermark = state.getCurrentWatermarkMs();
        HostWindows windows = state.exists() ? state.get() : new HostWindows();
        List<Row> out = new ArrayList<>();
        if (!state.hasTimedOut()) {
            long[] times = new long[16];
            int n = 0;
            while (requests.hasNext()) {
                if (n == times.length) {
                    times = java.util.Arrays.copyOf(times, n * 2);
                }
                times[n++] = requests.next().getTimestamp(1).getTime();
            }
            for (Decision d : limiter.add(host, windows, java.util.Arrays.copyOf(times, n), watermark)) {
                out.add(RowFactory.create(d.host(), new Timestamp(d.windowStart()), new Timestamp(d.windowEnd()), d.count(),
                        d.threshold(), new Timestamp(d.until()), new Timestamp(d.decidedAt())));
            }
        }
        if (limiter.expire(windows, watermark)) {
            state.remove();
        } else {
            state.update(windows);
            state.setTimeoutTimestamp(limiter.expiresAt(windows));
        }
        return out.iterator();
    }
}
