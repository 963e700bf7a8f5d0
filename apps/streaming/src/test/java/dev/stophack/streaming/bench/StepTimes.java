package dev.stophack.streaming.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.collection.JavaConverters;

/**
 * Task run time (core time) per step of an ingest batch, from the job descriptions IngestBatch
 * sets ("ingest batch 7: parse"). Steps run side by side, so core time, not wall time, is what
 * can be shared out.
 */
final class StepTimes extends SparkListener {
    private final Map<Integer, String> stageStep = new ConcurrentHashMap<>();
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private final Map<String, Long> cpu = new ConcurrentHashMap<>();
    private final Map<String, Long> gc = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        String step = d == null ? "(no description)" : d.replaceAll("^ingest batch \\d+: ", "ingest: ")
                .replaceAll(" v\\d+$", "");
        for (Object stage : JavaConverters.seqAsJavaList(start.stageIds())) {
            stageStep.put((Integer) stage, step);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() == null) {
            return;
        }
        String step = stageStep.getOrDefault(end.stageId(), "(unknown)");
        totals.merge(step, end.taskMetrics().executorRunTime(), Long::sum);
        cpu.merge(step, end.taskMetrics().executorCpuTime() / 1_000_000, Long::sum);
        gc.merge(step, end.taskMetrics().jvmGCTime(), Long::sum);
    }

    /** Milliseconds of task run time per step. */
    Map<String, Long> totals() {
        return new TreeMap<>(totals);
    }

    /** Milliseconds of garbage collection during the step's tasks (the JVM's, shared by concurrent tasks). */
    Map<String, Long> gc() {
        return new TreeMap<>(gc);
    }

    /** Milliseconds of task CPU time per step: what is left of the run time was waiting (Kafka, S3). */
    Map<String, Long> cpu() {
        return new TreeMap<>(cpu);
    }
}
