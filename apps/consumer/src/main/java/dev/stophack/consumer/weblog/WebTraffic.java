package dev.stophack.consumer.weblog;

import dev.stophack.api.kafka.BlocklistDecision;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.consumer.live.TopicStats;
import dev.stophack.consumer.parse.SkipReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows of the web access log, behind one lock: requests per bucket
 * ({@link WebWindows}), blocks ({@link Blocks}), alert marks ({@link AlertMarks}) and, per topic,
 * records counted and skipped. The Kafka thread adds, the HTTP threads take {@link #snapshot}s.
 * Everything is kept for the history before the log's newest line, in the log's time.
 */
public final class WebTraffic {
    private final long historyMillis;
    private final WebWindows windows;
    private final Blocks blocks = new Blocks();
    private final AlertMarks marks = new AlertMarks();
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    private static final class Tally {
        long counted;
        final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long lastArrival = Long.MIN_VALUE;
    }

    /** Everything at one moment. */
    public record WebSnapshot(Long newest, List<Long> x, Map<String, List<Long>> busiest, long requestsInWindow,
            Map<String, List<Double>> errorShares, List<AlertMarks.Mark> marks, List<Blocks.Block> blocks, Long threshold,
            Map<String, TopicStats> topics) {
    }

    /** {@code keepMillis}: the history plus the longest window drawn. */
    public WebTraffic(long historyMillis, long keepMillis) {
        this.historyMillis = historyMillis;
        this.windows = new WebWindows(historyMillis, keepMillis);
        for (String topic : List.of(Topics.WEBLOG, Topics.BLOCKLIST, Topics.ALERTS)) {
            tallies.put(topic, new Tally());
        }
    }

    public synchronized void line(String host, long millis, int status, long arrival) {
        if (windows.add(host, millis, status)) {
            counted(Topics.WEBLOG, arrival);
        }
    }

    public synchronized void decision(BlocklistDecision d, long windowStart, long windowEnd, long until, long decidedAt,
            long arrival) {
        blocks.add(d, windowStart, windowEnd, until, decidedAt);
        counted(Topics.BLOCKLIST, arrival);
    }

    public synchronized void alert(WeblogAlert a, long windowStart, long windowEnd, long arrival) {
        marks.add(a, windowStart, windowEnd);
        counted(Topics.ALERTS, arrival);
    }

    public synchronized void skipped(String topic, SkipReason reason) {
        tallies.get(topic).skipped.merge(reason, 1L, Long::sum);
    }

    private void counted(String topic, long arrival) {
        Tally t = tallies.get(topic);
        t.counted++;
        t.lastArrival = Math.max(t.lastArrival, arrival);
    }

    public synchronized WebSnapshot snapshot(WebSettings settings) {
        Long newest = windows.newest();
        if (newest != null) {
            blocks.forgetBefore(newest - historyMillis);
            marks.forgetBefore(newest - historyMillis);
        }
        Map<String, TopicStats> topics = new LinkedHashMap<>();
        tallies.forEach((name, t) -> {
            Map<String, Long> skipped = new TreeMap<>();
            t.skipped.forEach((r, n) -> skipped.put(r.id(), n));
            if (name.equals(Topics.WEBLOG) && windows.tooOld() > 0) {
                skipped.put("too_old", windows.tooOld());
            }
            topics.put(name, new TopicStats(t.counted, skipped, t.lastArrival == Long.MIN_VALUE ? null : t.lastArrival));
        });
        return new WebSnapshot(newest, windows.samples(), windows.busiest(settings.busiest(), settings.rateWindow().toMillis()),
                windows.requestsInLast(settings.rateWindow().toMillis()), windows.errorShares(), marks.all(), blocks.all(),
                blocks.threshold(), topics);
    }
}
