package dev.stophack.streaming.weblog.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import scala.collection.JavaConverters;

/**
 * Task time (core time), task CPU and GC per web query, and per step of the ingest query: the
 * query from the job's description (Spark names the query in a micro-batch's jobs; the ingest
 * query's own steps say "weblog-ingest batch N: step"). Stage names say nothing here (every
 * streaming stage is named after the query's start call). Queries run side by side, so core
 * time, not wall time, is what can be shared out among them; task time well above task CPU is
 * time a task waited (for a core on a busy machine, for Kafka or S3).
 */
final class StageTimes extends SparkListener {
    private final Map<Integer, String> stageQuery = new ConcurrentHashMap<>();
    private final Map<String, long[]> totals = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        String q = "(other)";
        if (d != null) {
            if (d.startsWith("weblog-ingest batch")) {
                q = "weblog-ingest: " + d.replaceAll("^weblog-ingest batch \\d+: ", "");
            } else {
                for (String name : new String[] {"weblog-ingest", "weblog-ratelimit", "weblog-errorsurge"}) {
                    if (d.contains(name)) {
                        q = name;
                    }
                }
            }
        }
        for (Object stage : JavaConverters.seqAsJavaList(start.stageIds())) {
            stageQuery.put((Integer) stage, q);
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        StageInfo info = completed.stageInfo();
        if (info.taskMetrics() == null) {
            return;
        }
        String key = stageQuery.getOrDefault(info.stageId(), "(unknown)");
        long[] t = totals.computeIfAbsent(key, k -> new long[3]);
        synchronized (t) {
            t[0] += info.taskMetrics().executorRunTime();
            t[1] += info.taskMetrics().executorCpuTime() / 1_000_000;
            t[2] += info.taskMetrics().jvmGCTime();
        }
    }

    /** Per query (or ingest step): run, CPU and GC milliseconds of its tasks. */
    Map<String, long[]> totals() {
        return new TreeMap<>(totals);
    }
}
