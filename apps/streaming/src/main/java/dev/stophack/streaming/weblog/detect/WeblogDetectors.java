package dev.stophack.streaming.weblog.detect;

import dev.stophack.streaming.weblog.WeblogMetrics;
import dev.stophack.streaming.weblog.WeblogQueries;
import dev.stophack.streaming.weblog.ratelimit.Decision;
import dev.stophack.streaming.weblog.ratelimit.HostWindows;
import dev.stophack.streaming.weblog.ratelimit.RateLimitOutput;
import dev.stophack.streaming.weblog.ratelimit.RateLimiter;
import dev.stophack.streaming.weblog.surge.Alert;
import dev.stophack.streaming.weblog.surge.Baselines;
import dev.stophack.streaming.weblog.surge.SurgeAlerts;
import dev.stophack.streaming.weblog.surge.SurgeDetector;
import dev.stophack.streaming.weblog.surge.SurgeRules;
import dev.stophack.streaming.weblog.surge.WindowCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The rate limiter and the error-surge detector, fed from the ingest query's parsed lines: no
 * second read of the topic, no second parse. Per micro-batch:
 *
 * <ol>
 *   <li>the state after the previous batch ({@link DetectorStore}) and its watermark;</li>
 *   <li>in the tasks, the lines reduced to request times and 404s per host and counts per surge
 *       window and status ({@link PartialTally}), merged with the open windows' tallies by one
 *       shuffle, then judged per key ({@link Judge});</li>
 *   <li>on the driver, the surge windows that became final in time order through
 *       {@link SurgeDetector} and its baselines; the new state stored under the batch's id before
 *       the decisions and alerts are written, so a replayed batch decides the same.</li>
 * </ol>
 *
 * The watermark moves as Spark's would: the latest event time seen before the batch, less the
 * allowed lateness. A window becomes final in the batch whose lines move the watermark past its
 * end, where Spark would close it in the no-data batch right after.
 */
public final class WeblogDetectors {
    private static final Logger LOG = LoggerFactory.getLogger(WeblogDetectors.class);

    private final JavaSparkContext spark;
    private final RateLimiter limiter;
    private final SurgeRules rules;
    private final DetectorStore store;
    private final RateLimitOutput decisions;
    private final SurgeAlerts alerts;
    private final WeblogMetrics metrics;

    public WeblogDetectors(JavaSparkContext spark, RateLimiter limiter, SurgeRules rules, DetectorStore store,
            RateLimitOutput decisions, SurgeAlerts alerts, WeblogMetrics metrics) {
        this.spark = spark;
        this.limiter = limiter;
        this.rules = rules;
        this.store = store;
        this.decisions = decisions;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /** Runs both detectors over the batch's parsed lines; {@code latest}: its latest readable line's time, or {@code Long.MIN_VALUE}. */
    public void run(JavaRDD<InternalRow> parsed, long batchId, long latest) {
        if (latest == Long.MIN_VALUE) {
            // no readable line: the watermark stays and nothing becomes final; the outputs still get the batch
            decisions.write(batchId, List.of());
            alerts.write(batchId, List.of());
            return;
        }
        DetectorState state = store.before(batchId);
        long watermark = state.watermark;
        long next = Math.max(watermark, latest - rules.watermark().toMillis());
        long window = rules.window().toMillis();

        Broadcast<Map<String, HostWindows>> hosts = spark.broadcast(new HashMap<>(state.hosts));
        Map<String, TreeMap<Long, HostTally>> openByHost = new HashMap<>();
        state.windows.forEach((start, w) -> w.hosts.forEach((host, tally) ->
                openByHost.computeIfAbsent(host, h -> new TreeMap<>()).put(start, tally.copy())));
        List<Tuple2<Object, Object>> open = new ArrayList<>(openByHost.size());
        openByHost.forEach((host, tallies) -> open.add(new Tuple2<>(host, HostLines.ofOpen(tallies))));
        JavaPairRDD<Object, Object> keyed = parsed.mapPartitions(new PartialTally(watermark, window))
                .mapToPair(kv -> kv);
        if (!open.isEmpty()) {
            keyed = keyed.union(spark.parallelizePairs(open, 1));
        }
        List<Object> judged;
        try {
            judged = keyed.reduceByKey(Tallies::merge, spark.defaultParallelism())
                    .mapPartitions(new Judge(hosts, limiter, watermark, next, window, rules.scanPaths()))
                    .collect();
        } finally {
            hosts.destroy();
        }

        DetectorState after = new DetectorState();
        after.watermark = next;
        List<Decision> decided = new ArrayList<>();
        Map<String, HostWindows> touched = new HashMap<>();
        TreeMap<Long, TreeMap<Integer, Long>> statuses = new TreeMap<>();
        Map<Long, List<WindowCounts.HostCounts>> candidates = new HashMap<>();
        for (Object o : judged) {
            if (o instanceof Tallies.Decided d) {
                decided.add(d.decision());
            } else if (o instanceof Tallies.HostState h) {
                touched.put(h.host(), h.windows());
            } else if (o instanceof Tallies.Candidate c) {
                candidates.computeIfAbsent(c.start(), k -> new ArrayList<>()).add(c.counts());
            } else if (o instanceof Tallies.Open op) {
                openWindow(after, op.start(), window).hosts.put(op.host(), op.tally());
            } else if (o instanceof Tallies.StatusCount s) {
                statuses.computeIfAbsent(s.start(), k -> new TreeMap<>()).merge(s.status(), s.count(), Long::sum);
            } else if (o instanceof Tallies.LateCount l) {
                metrics.lateLines(l.detector().equals(PartialTally.RATE_LIMIT) ? WeblogQueries.RATE_LIMIT
                        : WeblogQueries.ERROR_SURGE, l.count());
            }
        }
        // hosts without lines in this batch: their windows age as the watermark moves
        state.hosts.forEach((host, w) -> {
            if (!touched.containsKey(host)) {
                HostWindows kept = w.copy();
                if (!limiter.expire(kept, next)) {
                    after.hosts.put(host, kept);
                }
            }
        });
        touched.forEach((host, w) -> {
            if (w != null) {
                after.hosts.put(host, w);
            }
        });

        // the surge windows: the open ones' counts plus this batch's; final once the watermark passed their end
        TreeMap<Long, TreeMap<Integer, Long>> byWindow = new TreeMap<>();
        state.windows.forEach((start, w) -> byWindow.put(start, new TreeMap<>(w.byStatus)));
        statuses.forEach((start, counts) -> counts.forEach((status, n) ->
                byWindow.computeIfAbsent(start, k -> new TreeMap<>()).merge(status, n, Long::sum)));
        Baselines baselines = Baselines.of(state.baselines);
        SurgeDetector detector = new SurgeDetector(rules);
        List<Alert> raised = new ArrayList<>();
        int finals = 0;
        for (Map.Entry<Long, TreeMap<Integer, Long>> e : byWindow.entrySet()) {
            long start = e.getKey();
            if (start + window <= next) {
                long total = e.getValue().values().stream().mapToLong(Long::longValue).sum();
                raised.addAll(detector.detect(new WindowCounts(start, start + window, total, e.getValue(),
                        candidates.getOrDefault(start, List.of())), baselines));
                finals++;
            } else {
                openWindow(after, start, window).byStatus = e.getValue();
            }
        }
        after.baselines = baselines.windows();

        store.after(batchId, after);
        decisions.write(batchId, decided);
        alerts.write(batchId, raised);
        if (!decided.isEmpty() || finals > 0) {
            LOG.info("weblog detectors batch {}: {} blocklist decisions; {} final windows, {} alerts; watermark {}",
                    batchId, decided.size(), finals, raised.size(), java.time.Instant.ofEpochMilli(next));
        }
    }

    private static DetectorState.OpenWindow openWindow(DetectorState state, long start, long window) {
        return state.windows.computeIfAbsent(start, k -> {
            DetectorState.OpenWindow w = new DetectorState.OpenWindow();
            w.end = start + window;
            return w;
        });
    }
}
