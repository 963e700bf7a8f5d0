package dev.stophack.streaming.weblog.detect;

import dev.stophack.streaming.weblog.ratelimit.HostWindows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the two detectors remember after a micro-batch, stored beside the checkpoint per
 * batch ({@link DetectorStore}) so that a replayed batch starts where its first attempt did:
 *
 * <ul>
 *   <li>{@code watermark}: the latest event time seen, less the allowed lateness (epoch ms, 0
 *       before any line), as Spark's own watermark would stand;</li>
 *   <li>{@code hosts}: the rate limiter's buckets and decided windows of every host that has a
 *       window the watermark has not passed;</li>
 *   <li>{@code windows}: the surge windows not final yet, by start: requests per status and per
 *       host (for scans);</li>
 *   <li>{@code baselines}: the error-surge baselines ({@code Baselines#windows}).</li>
 * </ul>
 */
public final class DetectorState {
    public long watermark;
    public Map<String, HostWindows> hosts = new HashMap<>();
    public TreeMap<Long, OpenWindow> windows = new TreeMap<>();
    public Map<String, List<long[]>> baselines = new TreeMap<>();

    /** A surge window some lines have reached and the watermark has not passed. */
    public static final class OpenWindow {
        public long end;
        public TreeMap<Integer, Long> byStatus = new TreeMap<>();
        public Map<String, HostTally> hosts = new HashMap<>();
    }
}
