package dev.stophack.consumer.weblog;

import dev.stophack.api.kafka.WeblogAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error surges and URL-busting scans to mark on the error chart, each once (the topic is at least
 * once: repeats are dropped by kind, status, host and window), at most {@value #MAX} of them.
 */
public final class AlertMarks {
    static final int MAX = 500;

    /** One alert; times in epoch milliseconds. */
    public record Mark(String kind, String status, String host, long windowStart, long windowEnd, long count, long total,
            double ratio, double baseline) {
    }

    private final Map<String, Mark> marks = new LinkedHashMap<>();

    public void add(WeblogAlert a, long windowStart, long windowEnd) {
        String key = a.kind() + "|" + a.status() + "|" + a.host() + "|" + windowStart;
        marks.put(key, new Mark(a.kind(), a.status(), a.host(), windowStart, windowEnd, a.count(), a.total(), a.ratio(),
                a.baseline()));
        if (marks.size() > MAX) {
            String oldest = marks.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().windowEnd()))
                    .map(Map.Entry::getKey).orElseThrow();
            marks.remove(oldest);
        }
    }

    public void forgetBefore(long since) {
        marks.values().removeIf(m -> m.windowEnd() < since);
    }

    public List<Mark> all() {
        List<Mark> out = new ArrayList<>(marks.values());
        out.sort(Comparator.comparingLong(Mark::windowStart).thenComparing(Mark::kind).thenComparing(Mark::status));
        return out;
    }
}
